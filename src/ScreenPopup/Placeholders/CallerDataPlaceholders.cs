namespace ScreenPopup;

/// <summary>
/// Keeps caller data from ever acting as an agent placeholder. A caller id or chat field holding <c>{$ACCESS_TOKEN}</c>
/// must not have the token bound into it, even when a script concatenates the value into a URL without encoding it.
/// Before a script sees call data, <c>{$</c> and <c>&lt;$</c> in it become <c>{</c> or <c>&lt;</c> followed by a
/// private-use marker, which no placeholder scanner matches; after placeholders are bound, the marker (raw or
/// percent-encoded by the script) becomes <c>%24</c>, an encoded <c>$</c>: the URL carries what the caller sent, as data.
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
            ? url.Replace(Marker.ToString(), "%24", StringComparison.Ordinal).Replace(EncodedMarker, "%24", StringComparison.OrdinalIgnoreCase)
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
