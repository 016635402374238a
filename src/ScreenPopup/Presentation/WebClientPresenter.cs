using ScreenPopup.Placeholders;

namespace ScreenPopup.Presentation;

/// <summary>
/// The WebClient presentation rule: open-new-tab with a name → that named tab (focus only when it is not open yet);
/// open-new-tab without a name → a new tab with focus; otherwise the iframe (a tab name is then ignored, with a warning).
/// A name starting with <c>_</c> is a browser keyword, not a tab (<c>window.open(url, '_self')</c> replaces the agent's
/// page), whether the script wrote it or took it from call data: the page opens in a new tab, with a warning.
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
            if (name.StartsWith('_'))
            {
                warning = new PopupDiagnostic
                {
                    Severity = DiagnosticSeverity.Warning,
                    Code = PopupDiagnosticCodes.ReservedTabName,
                    Message = "webClientTabName starts with '_', which browsers read as a keyword (_self would replace the agent's page), so the page opens in a new tab; name tabs without a leading underscore",
                };
                return InNewTab;
            }

            return new WebClientPresentation { Target = WebClientTarget.NamedTab, TabName = name, Focus = !openTabs.Contains(name, StringComparer.Ordinal) };
        }

        return InNewTab;
    }
}
