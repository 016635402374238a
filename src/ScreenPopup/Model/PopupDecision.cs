using System.Text;
using System.Text.Json.Serialization;
using ScreenPopup.Placeholders;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>
/// The library's answer for one trigger: open a URL and where, open nothing and why, or an error and why.
/// Immutable; serializes to the wire format with <see cref="PopupJson"/>.
/// </summary>
/// <remarks>
/// <see cref="Url"/> may carry agent secrets bound from placeholders: that is its purpose. <see cref="ToString"/>
/// prints <c>***</c> instead of such a URL, and no other member ever holds a secret.
/// </remarks>
public sealed record PopupDecision
{
    /// <summary>The trigger this decision answers.</summary>
    public required PopupTrigger Trigger { get; init; }

    /// <summary>What the client does.</summary>
    public required PopupAction Action { get; init; }

    /// <summary>Why nothing opens; <see langword="null"/> when <see cref="Action"/> is <see cref="PopupAction.Open"/>.</summary>
    public PopupReason? Reason { get; init; }

    /// <summary>A readable explanation of <see cref="Reason"/>: what happened, where, and how to fix it.</summary>
    public string? Message { get; init; }

    /// <summary>The URL to open, with agent placeholders bound and percent-encoded; <see langword="null"/> unless <see cref="Action"/> is <see cref="PopupAction.Open"/>.</summary>
    public string? Url { get; init; }

    /// <summary>
    /// The placeholder names (such as <c>USER_PASSWORD</c>) left in <see cref="Url"/> because the request did not
    /// supply their values. A client that knows them binds them with <see cref="AgentPlaceholders.Bind"/>.
    /// </summary>
    public IReadOnlyList<string> PendingPlaceholders { get; init; } = [];

    /// <summary>How the WebClient presents the page; <see langword="null"/> unless the action is <see cref="PopupAction.Open"/>.</summary>
    public WebClientPresentation? WebClient { get; init; }

    /// <summary>How the TVox desktop client presents the page; <see langword="null"/> unless the action is <see cref="PopupAction.Open"/>.</summary>
    public TvoxClientPresentation? TvoxClient { get; init; }

    /// <summary>The batch file to run and its environment; <see langword="null"/> unless <see cref="Action"/> is <see cref="PopupAction.RunBatch"/>.</summary>
    public BatchInvocation? Batch { get; init; }

    /// <summary>Warnings and errors about the script and its result, with positions when known.</summary>
    public IReadOnlyList<PopupDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>
    /// Whether <see cref="Url"/> holds a bound secret (<c>USER_PASSWORD</c> or <c>ACCESS_TOKEN</c>), so it must not be
    /// logged or shown. Set by the evaluator; not part of the wire format, so a decision read from JSON reports
    /// <see langword="false"/>: a client that receives decisions should treat every URL as sensitive.
    /// </summary>
    [JsonIgnore]
    public bool UrlContainsSecret { get; init; }

    internal static PopupDecision NoPopup(PopupTrigger trigger, PopupReason reason, string message, IReadOnlyList<PopupDiagnostic>? diagnostics = null) =>
        new() { Trigger = trigger, Action = PopupAction.None, Reason = reason, Message = BoundedMessage.Of(message), Diagnostics = diagnostics ?? [] };

    internal static PopupDecision Failure(PopupTrigger trigger, PopupReason reason, string message, IReadOnlyList<PopupDiagnostic>? diagnostics = null) =>
        new() { Trigger = trigger, Action = PopupAction.Error, Reason = reason, Message = BoundedMessage.Of(message), Diagnostics = diagnostics ?? [] };

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Trigger = ").Append(Trigger)
            .Append(", Action = ").Append(Action)
            .Append(", Reason = ").Append(Reason)
            .Append(", Message = ").Append(Message)
            .Append(", Url = ").Append(UrlContainsSecret ? "***" : Url)
            .Append(", PendingPlaceholders = [").AppendJoin(", ", PendingPlaceholders).Append(']')
            .Append(", WebClient = ").Append(WebClient)
            .Append(", TvoxClient = ").Append(TvoxClient)
            .Append(", Batch = ").Append(Batch)
            .Append(", Diagnostics = [").AppendJoin(", ", Diagnostics).Append(']');
        return true;
    }
}
