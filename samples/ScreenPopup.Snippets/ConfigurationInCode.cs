using ScreenPopup;

namespace Snippets;

/// <summary>docs/configuration.md.</summary>
internal static class ConfigurationInCode
{
    public static PopupEvaluator Create()
    {
        // begin-snippet: configuration-in-code
        var options = new ScreenPopupOptions
        {
            DefaultService = "SUPPORT",
            TrackOpenTabs = true,
            AllowedSchemes = ["https"],
            Sandbox = { Timeout = TimeSpan.FromMilliseconds(200), MaxRecursion = 200 },
            DuplicateSuppression = { Window = TimeSpan.FromMinutes(30) },
            Legacy = { MaxValueLength = 2048 },
        };
        options.Services["SUPPORT"] = new PopupService
        {
            Channels = ["phone", "webchat", "custom:telegram"],
            CallTypes = ["inbound"],
            ScriptFile = "popups/support.js",
            ClientTarget = TvoxClientTarget.WebView,
        };
        var evaluator = PopupEvaluator.Create(options);   // copies what it needs: later changes to options have no effect
        // end-snippet
        return evaluator;
    }
}
