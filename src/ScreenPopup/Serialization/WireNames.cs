using System.Reflection;
using System.Text.Json.Serialization;

namespace ScreenPopup.Serialization;

/// <summary>The wire names of enum values (<c>namedTab</c>, <c>scriptSyntax</c>, …), read once per enum from their <see cref="JsonStringEnumMemberNameAttribute"/>.</summary>
internal static class WireNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Cache<TEnum>.Names[value];

    /// <summary>The value whose wire name is <paramref name="name"/>, ignoring case; false for any other text (a number or a list of names included).</summary>
    public static bool TryParse<TEnum>(string name, out TEnum value) where TEnum : struct, Enum => Cache<TEnum>.Values.TryGetValue(name, out value);

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToDictionary(
            value => value,
            value => typeof(TEnum).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString());

        public static readonly Dictionary<string, TEnum> Values = Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);
    }
}
