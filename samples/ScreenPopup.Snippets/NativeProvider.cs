namespace Snippets;

// docs/scripts.md: a service's popup logic in C#.
// begin-snippet: native-provider
using ScreenPopup;

sealed class CrmPopup : IPopupProvider
{
    public PopupDefinition? GetPopup(CallVariables call) => new()
    {
        OnAnswer = "https://crm.example/contact?cli=" + Uri.EscapeDataString(call.Cli) + "&op={$USERNAME}",
        WebClientOpenNewTab = true, WebClientTabName = "crm",
    };
}
// end-snippet

internal static class NativeProviderRegistration
{
    public static void Register(ScreenPopupOptions options)
    {
        // begin-snippet: native-provider-registration
        options.Services["SUPPORT"] = new PopupService { Provider = new CrmPopup() };
        // end-snippet
    }
}
