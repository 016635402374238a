using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ScreenPopup;

/// <summary>The wire names of enum values (<c>namedTab</c>, <c>scriptSyntax</c>, …), computed once per enum from the serializer itself.</summary>
internal static class WireNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Cache<TEnum>.Names[value];

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToDictionary(
            value => value,
            value => JsonSerializer.Serialize(value, (JsonTypeInfo<TEnum>)PopupJsonContext.Default.GetTypeInfo(typeof(TEnum))!).Trim('"'));
    }
}
