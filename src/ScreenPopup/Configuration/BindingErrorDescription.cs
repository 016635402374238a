using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ScreenPopup;

/// <summary>
/// A configuration binder error in the configuration's words. The binder names .NET types and its own options
/// ("'ErrorOnUnknownConfiguration' was set on the provided BinderOptions, … ScreenPopup.PopupService: 'Chanels'");
/// an admin editing <c>appsettings.json</c> needs the setting, the value, what is expected and the likely fix.
/// </summary>
internal static partial class BindingErrorDescription
{
    /// <summary>Describes the error of binding a section to <paramref name="target"/>'s settings.</summary>
    public static string Describe(InvalidOperationException e, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type target)
    {
        if (UnknownSettings().Match(e.Message) is { Success: true } unknown)
        {
            var known = Settings(target);
            var names = unknown.Groups["names"].Value.Split(", ").Select(n => n.Trim('\''));
            return string.Join("; ", names.Select(name => $"'{name}' is not a setting here{DidYouMean(name, known)} (known: {string.Join(", ", known)})"));
        }

        if (FailedConversion().Match(e.Message) is { Success: true } failed)
        {
            var setting = failed.Groups["path"].Value.Split(':')[^1];
            return $"'{failed.Groups["value"].Value}' is not a valid value for {setting}: expected {Expected(failed.Groups["type"].Value, target.GetProperty(setting)?.PropertyType)}";
        }

        return e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
    }

    private static string[] Settings([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type target) =>
        [.. target.GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic).Select(p => p.Name)];

    /// <summary>The setting the name most likely meant: the same letters but for case, or at most two edits away.</summary>
    private static string DidYouMean(string name, string[] known)
    {
        var best = known.Select(k => (Setting: k, Distance: Distance(name.ToUpperInvariant(), k.ToUpperInvariant())))
            .Where(x => x.Distance <= 2).OrderBy(x => x.Distance).FirstOrDefault();
        return best.Setting is null ? "" : $"; did you mean '{best.Setting}'?";
    }

    /// <summary>Levenshtein distance; names are short, so the plain two-row form.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>What the setting takes, from the binder's type name or, for an enum, the setting's own type.</summary>
    private static string Expected(string typeName, Type? settingType) => typeName switch
    {
        "System.Boolean" => "true or false",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.TimeSpan" => "a time span such as 00:00:00.250 (hours:minutes:seconds)",
        _ when (settingType is null ? null : Nullable.GetUnderlyingType(settingType) ?? settingType) is { IsEnum: true } type => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ => "a value of another kind (see docs/configuration.md)",
    };

    private const string UnknownSettingsPattern = @"the following properties were not found on the instance of [^:]+: (?<names>.+)$";
    private const string FailedConversionPattern = @"^Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']*)' to type '(?<type>[^']+)'";

#if NET
    [GeneratedRegex(UnknownSettingsPattern)]
    private static partial Regex UnknownSettings();

    [GeneratedRegex(FailedConversionPattern)]
    private static partial Regex FailedConversion();
#else
    // netstandard2.0 has no regex source generator; these run only when binding fails, so the interpreter is enough.
    private static readonly Regex UnknownSettingsRegex = new(UnknownSettingsPattern, RegexOptions.CultureInvariant);
    private static readonly Regex FailedConversionRegex = new(FailedConversionPattern, RegexOptions.CultureInvariant);

    private static Regex UnknownSettings() => UnknownSettingsRegex;

    private static Regex FailedConversion() => FailedConversionRegex;
#endif
}
