namespace Snippets;

// docs/scripts.md: a client binds the placeholders the server left pending.
// begin-snippet: bind-pending-placeholders
using ScreenPopup;
using ScreenPopup.Placeholders;

static class DesktopClient
{
    // The client knows what the server did not: here, the agent's operating-system user.
    public static string? UrlToOpen(PopupDecision decision)
    {
        if (decision.Url is null || decision.PendingPlaceholders.Count == 0)
        {
            return decision.Url;
        }

        PlaceholderBinding binding = AgentPlaceholders.Bind(decision.Url, new AgentVariables { SystemUsername = "mario" });
        return binding.Succeeded ? binding.Url : null;   // binding.Error and binding.Message say why not
    }
}
// end-snippet
