namespace ScreenPopup;

/// <summary>
/// A popup definition: the URL for each trigger and the WebClient tab choice. What a popup script returns, and what an
/// <see cref="IPopupProvider"/> returns from C#. <see langword="null"/> or empty URLs open nothing for that trigger.
/// </summary>
public sealed record PopupDefinition
{
    /// <summary>A definition that opens nothing.</summary>
    public static PopupDefinition Empty { get; } = new();

    /// <summary>The URL to open on ring, or <see langword="null"/>.</summary>
    public string? OnRing { get; init; }

    /// <summary>The URL to open on answer, or <see langword="null"/>.</summary>
    public string? OnAnswer { get; init; }

    /// <summary>The URL to open at the end of the interaction, or <see langword="null"/>.</summary>
    public string? OnHangup { get; init; }

    /// <summary>The URL to open when the agent asks, or <see langword="null"/>.</summary>
    public string? OnDemand { get; init; }

    /// <summary>Whether the WebClient opens the page in a tab rather than its iframe.</summary>
    public bool WebClientOpenNewTab { get; init; }

    /// <summary>With <see cref="WebClientOpenNewTab"/>, the tab to reuse; <see langword="null"/> for a new tab each time.</summary>
    public string? WebClientTabName { get; init; }

    /// <summary>The URL for a trigger; an empty string counts as none.</summary>
    /// <param name="trigger">The trigger.</param>
    /// <returns>The URL, or <see langword="null"/>.</returns>
    public string? UrlFor(PopupTrigger trigger) => (trigger switch
    {
        PopupTrigger.Ring => OnRing,
        PopupTrigger.Answer => OnAnswer,
        PopupTrigger.Hangup => OnHangup,
        PopupTrigger.Demand => OnDemand,
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Unknown trigger."),
    }) is { Length: > 0 } url ? url : null;
}
