using ScreenPopup.Serialization;

namespace ScreenPopup.Legacy;

/// <summary>
/// Maps a request to the environment of TVox's legacy winpopup batch files: <c>PIN, USERNAME, IDCALL, CALLTYPE,
/// SKILLSET, SERVICE, CLI, DNIS, RECEIVING_SITE, DISTRIBUTION_SITE, EVENT, POPUPINFO_1 … POPUPINFO_n</c>, with
/// <c>UNK</c> where a value is missing, and every value passed through the <see cref="LegacyValuePolicy"/>.
/// </summary>
internal static class LegacyEnvironment
{
    public const string Unknown = "UNK";

    public static IReadOnlyDictionary<string, string> Build(PopupRequest request, LegacyBatchOptions options, ICollection<PopupDiagnostic> diagnostics)
    {
        var call = request.Call;
        var agent = request.Agent;
        var environment = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        void Set(string name, string? value)
        {
            var sanitized = LegacyValueSanitizer.Apply(value is { Length: > 0 } ? value : Unknown, options, out var changed);
            if (changed is not null)
            {
                diagnostics.Add(new PopupDiagnostic
                {
                    Severity = DiagnosticSeverity.Warning,
                    Code = PopupDiagnosticCodes.LegacyValueChanged,
                    Message = $"the value of {name} was changed before the batch sees it: {changed} ({WireNames.Of(options.ValuePolicy)} policy)",
                });
            }

            environment[name] = sanitized;
        }

        Set("PIN", agent.Pin);
        Set("USERNAME", agent.Username);
        Set("IDCALL", call.LastCallId.Length > 0 ? call.LastCallId : call.ChannelSessionId);
        Set("CALLTYPE", CallTypeLetter(call.CallType));
        Set("SKILLSET", call.Skillset);
        Set("SERVICE", call.Service);
        Set("CLI", call.Cli);
        Set("DNIS", call.Dnis);
        Set("RECEIVING_SITE", call.OriginSite);
        Set("DISTRIBUTION_SITE", call.DistributionSite);
        Set("EVENT", request.Trigger == PopupTrigger.Demand ? Unknown : WireNames.Of(request.Trigger));

        var info = call.PopupInfo.Count == 1 ? call.PopupInfo[0].Split('|') : [.. call.PopupInfo];
        for (var i = 0; i < info.Length; i++)
        {
            Set($"POPUPINFO_{i + 1}", info[i]);
        }

        return environment;
    }

    /// <summary><c>I</c> for inbound, <c>O</c> for outbound (TVox's letters, or words starting with in/out), else <c>UNK</c>.</summary>
    private static string CallTypeLetter(string callType) => callType.Trim().ToUpperInvariant() switch
    {
        "I" or ['I', 'N', ..] => "I",
        "O" or ['O', 'U', 'T', ..] => "O",
        _ => Unknown,
    };
}
