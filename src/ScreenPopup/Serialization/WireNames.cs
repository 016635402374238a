using System.Reflection;
using System.Text.Json.Serialization;

namespace ScreenPopup;

/// <summary>The wire names of enum values (<c>namedTab</c>, <c>scriptSyntax</c>, …), read once per enum from their <see cref="JsonStringEnumMemberNameAttribute"/>.</summary>
internal static class WireNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Cache<TEnum>.Names[value];

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToDictionary(
            value => value,
            value => typeof(TEnum).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString());
    }
}
