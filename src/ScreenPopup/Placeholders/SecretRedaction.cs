namespace ScreenPopup.Placeholders;

/// <summary>
/// Takes the agent's secrets out of a text about a URL they were bound into (a URL-check problem, a normalization note):
/// such texts are logged and shown, and quote parts of the URL, where a secret may stand as written, percent-encoded,
/// or lower-cased by the host's normalization.
/// </summary>
internal static class SecretRedaction
{
    private const string Mask = "***";

    /// <summary>The text with every form of <paramref name="agent"/>'s password and token replaced by <c>***</c>, the longer secret first.</summary>
    public static string Redact(string text, AgentVariables agent)
    {
        foreach (var secret in new[] { agent.UserPassword, agent.AccessToken }.OfType<string>().Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            text = text.Replace(Uri.EscapeDataString(secret), Mask, StringComparison.OrdinalIgnoreCase)
                .Replace(secret, Mask, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
