using ScreenPopup.Serialization;

namespace ScreenPopup.Cli;

/// <summary>Decisions as the CLI prints them: the wire format, with the agent's secrets written as <c>***</c>, also inside URLs.</summary>
internal static class DecisionOutput
{
    /// <summary>The decision's JSON with secrets masked.</summary>
    public static string Json(PopupDecision decision, PopupRequest request, bool indented) =>
        PopupJson.Serialize(Masked(decision, request), indented);

    /// <summary>The decision with every bound secret of the request replaced by <c>***</c> in its URL (the PIN is already masked in JSON).</summary>
    public static PopupDecision Masked(PopupDecision decision, PopupRequest request)
    {
        if (!decision.UrlContainsSecret || decision.Url is not { } url)
        {
            return decision;
        }

        // The longer secret first: a password "Tok" masked inside a token "Tokyo-…" would leave "***yo-…" of the token.
        foreach (var secret in new[] { request.Agent.UserPassword, request.Agent.AccessToken }.OrderByDescending(s => s?.Length ?? 0))
        {
            if (!string.IsNullOrEmpty(secret))
            {
                url = url.Replace(Uri.EscapeDataString(secret), "***", StringComparison.Ordinal).Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return decision with { Url = url, UrlContainsSecret = false };
    }
}
