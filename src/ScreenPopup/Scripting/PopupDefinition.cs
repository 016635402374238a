namespace ScreenPopup;

/// <summary>What a popup script returned, validated: the URL template for each trigger and the WebClient tab choice.</summary>
internal sealed record PopupDefinition
{
    public static readonly PopupDefinition Empty = new();

    public string? OnRing { get; init; }

    public string? OnAnswer { get; init; }

    public string? OnHangup { get; init; }

    public string? OnDemand { get; init; }

    public bool WebClientOpenNewTab { get; init; }

    public string? WebClientTabName { get; init; }

    public string? UrlFor(PopupTrigger trigger) => trigger switch
    {
        PopupTrigger.Ring => OnRing,
        PopupTrigger.Answer => OnAnswer,
        PopupTrigger.Hangup => OnHangup,
        PopupTrigger.Demand => OnDemand,
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Unknown trigger."),
    };
}
