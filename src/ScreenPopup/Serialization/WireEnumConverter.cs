using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScreenPopup.Serialization;

/// <summary>
/// The wire format's enum converter: an enum is one of its documented names (<c>"ring"</c>, <c>"namedTab"</c>, …, case
/// ignored on reading). Anything else is a <see cref="JsonException"/>, which <see cref="PopupJson"/> reports with the
/// JSON path: a number (<c>7</c>), a numeric string (<c>"7"</c>) or a list (<c>"ring, answer"</c>), which
/// System.Text.Json's own converter accepts as an undefined value or as flags.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class WireEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && WireNames.TryParse<TEnum>(name, out var value)
            ? value
            : throw new JsonException($"expected one of {string.Join(", ", Enum.GetValues<TEnum>().Select(v => WireNames.Of(v)))}");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Enum.IsDefined(value) ? WireNames.Of(value) : throw new JsonException($"{value} is not a value of {typeof(TEnum).Name}"));
}
