namespace ScreenPopup.Placeholders;

/// <summary>
/// Keeps caller data handed to a C# <see cref="IPopupProvider"/> from ever acting as an agent placeholder (scripts have
/// <see cref="PlaceholderMarks"/> instead). A caller id or chat field holding <c>{$ACCESS_TOKEN}</c> must not have the
/// token bound into it, even when the provider concatenates the value into a URL without encoding it. Before the
/// provider sees call data, <c>{$</c> and <c>&lt;$</c> in it become <c>{</c> or <c>&lt;</c> followed by a private-use
/// marker, which no placeholder scanner matches; before placeholders are bound, the marker becomes literal text
/// (<c>%7B%24</c>, <c>%3C%24</c>, or <c>%24</c> where the provider percent-encoded or separated it): the URL carries what
/// the caller sent, as data.
/// </summary>
internal static class CallerDataPlaceholders
{
    private const char Marker = '\uE024';
    private const string EncodedMarker = "%EE%80%A4";

    public static string Neutralize(string value) =>
        NeedsNeutralizing(value)
            ? value.Replace("{$", "{" + Marker, StringComparison.Ordinal).Replace("<$", "<" + Marker, StringComparison.Ordinal)
            : value;

    public static string RestoreInUrl(string url) =>
        url.Contains(Marker, StringComparison.Ordinal) || url.Contains(EncodedMarker, StringComparison.OrdinalIgnoreCase)
            ? url.Replace("{" + Marker, "%7B%24", StringComparison.Ordinal).Replace("<" + Marker, "%3C%24", StringComparison.Ordinal)
                .Replace(Marker.ToString(), "%24", StringComparison.Ordinal).Replace(EncodedMarker, "%24", StringComparison.OrdinalIgnoreCase)
            : url;

    public static string RestoreInText(string text) => text.Replace(Marker, '$');

    /// <summary>The call variables with every value neutralised; the same instance when none needs it (the common case).</summary>
    public static CallVariables Neutralize(CallVariables call)
    {
        if (!AnyNeedsNeutralizing(call))
        {
            return call;
        }

        return call with
        {
            Service = Neutralize(call.Service), Cli = Neutralize(call.Cli), Dnis = Neutralize(call.Dnis), Skillset = Neutralize(call.Skillset),
            CallType = Neutralize(call.CallType), LastCallId = Neutralize(call.LastCallId), OriginSite = Neutralize(call.OriginSite),
            DistributionSite = Neutralize(call.DistributionSite), ChannelId = Neutralize(call.ChannelId), ChannelSessionId = Neutralize(call.ChannelSessionId),
            ChannelData = Neutralize(call.ChannelData), ChannelDescription = Neutralize(call.ChannelDescription),
            PopupInfo = [.. call.PopupInfo.Select(Neutralize)],
        };
    }

    private static bool AnyNeedsNeutralizing(CallVariables call)
    {
        foreach (var variable in CallVariables.TextVariables)
        {
            if (NeedsNeutralizing(variable.Value(call)))
            {
                return true;
            }
        }

        for (var i = 0; i < call.PopupInfo.Count; i++)
        {
            if (NeedsNeutralizing(call.PopupInfo[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NeedsNeutralizing(string value) =>
        value.Contains('$', StringComparison.Ordinal) && (value.Contains("{$", StringComparison.Ordinal) || value.Contains("<$", StringComparison.Ordinal));
}
