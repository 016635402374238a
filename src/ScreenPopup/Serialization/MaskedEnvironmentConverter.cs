using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScreenPopup.Serialization;

/// <summary>Writes a batch environment with its secret variables as <c>***</c>; reads it as written.</summary>
internal sealed class MaskedEnvironmentConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The batch environment must be an object of strings.");
        }

        var environment = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            environment[name] = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"The batch variable '{name}' must be a string.");
        }

        return environment;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            writer.WriteString(name, BatchInvocation.IsSecret(name) ? "***" : text);
        }

        writer.WriteEndObject();
    }
}
