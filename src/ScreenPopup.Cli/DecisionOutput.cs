using ScreenPopup.Serialization;

namespace ScreenPopup.Cli;

/// <summary>Decisions as the CLI prints them: the wire format, with the agent's secrets written as <c>***</c>, also inside URLs.</summary>
internal static class DecisionOutput
{
    /// <summary>The decision's JSON with secrets masked.</summary>
    public static string Json(PopupDecision decision, PopupRequest request, bool indented) =>
        PopupJson.Serialize(Masked(decision, request), indented);

    /// <summary>
    /// The decision with every bound secret of the request replaced by <c>***</c> in its URL (the PIN is already masked
    /// in JSON): as written, percent-encoded, or in another case (a host is lower-cased). A URL known to carry a secret
    /// in which no form of it is found (an internationalized host, say) is masked whole.
    /// </summary>
    public static PopupDecision Masked(PopupDecision decision, PopupRequest request)
    {
        if (!decision.UrlContainsSecret || decision.Url is not { } url)
        {
            return decision;
        }

        // The longer secret first: a password "Tok" masked inside a token "Tokyo-…" would leave "***yo-…" of the token.
        var masked = url;
        foreach (var secret in new[] { request.Agent.UserPassword, request.Agent.AccessToken }.OrderByDescending(s => s?.Length ?? 0))
        {
            if (!string.IsNullOrEmpty(secret))
            {
                masked = masked.Replace(Uri.EscapeDataString(secret), Mask, StringComparison.OrdinalIgnoreCase).Replace(secret, Mask, StringComparison.OrdinalIgnoreCase);
            }
        }

        return decision with { Url = masked == url ? "*** (a URL carrying a secret; not printed)" : masked, UrlContainsSecret = false };
    }

    /// <summary>
    /// <paramref name="text"/> (a batch's output) with the values of the batch's secret variables (the PIN, as the
    /// batch got it, after the value policy) written as <c>***</c>; the longer first, as for URLs.
    /// </summary>
    public static string MaskSecrets(string text, BatchInvocation batch)
    {
        var secrets = BatchInvocation.SecretVariables
            .Select(name => batch.Environment.TryGetValue(name, out var value) ? value : null)
            .Where(value => value is { Length: > 0 })
            .OrderByDescending(value => value!.Length);
        foreach (var secret in secrets)
        {
            text = text.Replace(secret!, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private const string Mask = "***";
}
