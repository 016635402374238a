using ScreenPopup.Placeholders;

namespace ScreenPopup.Presentation;

/// <summary>
/// The WebClient presentation rule: open-new-tab with a name → that named tab (focus only when it is not open yet);
/// open-new-tab without a name → a new tab with focus; otherwise the iframe (a tab name is then ignored, with a warning).
/// </summary>
internal static class WebClientPresenter
{
    // Presentations are immutable records, so the two that carry no tab name are shared.
    private static readonly WebClientPresentation InIframe = new() { Target = WebClientTarget.Iframe, Focus = false };
    private static readonly WebClientPresentation InNewTab = new() { Target = WebClientTarget.NewTab, Focus = true };

    /// <summary>Where the page opens; <paramref name="warning"/> says when the script's tab name is ignored.</summary>
    public static WebClientPresentation Present(PopupDefinition definition, IReadOnlyList<string> openTabs, out PopupDiagnostic? warning)
    {
        warning = null;
        if (!definition.WebClientOpenNewTab)
        {
            if (definition.WebClientTabName is not null)
            {
                warning = new PopupDiagnostic
                {
                    Severity = DiagnosticSeverity.Warning,
                    Code = PopupDiagnosticCodes.TabNameIgnored,
                    Message = "webClientTabName is set but webClientOpenNewTab is not true, so the page opens in the iframe; set webClientOpenNewTab: true to use the named tab",
                };
            }

            return InIframe;
        }

        if (definition.WebClientTabName is { } tabName)
        {
            var name = CallerDataPlaceholders.RestoreInText(tabName);
            return new WebClientPresentation { Target = WebClientTarget.NamedTab, TabName = name, Focus = !openTabs.Contains(name, StringComparer.Ordinal) };
        }

        return InNewTab;
    }
}
