using ScreenPopup.Serialization;

namespace ScreenPopup.Duplicates;

/// <summary>
/// What the pipeline asks of the state between decisions, after steps 1 to 6 decided: whether a tracked named tab was
/// opened before (<see cref="ScreenPopupOptions.TrackOpenTabs"/>: it then reloads without focus), and step 7, whether the
/// same interaction already opened (a duplicate). The keys are built here; the evaluator asks the store, synchronously
/// or not.
/// </summary>
internal static class RememberedState
{
    /// <summary>The key of the named tab this decision opens, when the evaluator tracks it for the agent; else <see langword="null"/>.</summary>
    public static string? TabKey(PopupRequest request, PopupDecision decision, CompiledConfiguration configuration) =>
        configuration.TrackOpenTabs && decision.WebClient is { Target: WebClientTarget.NamedTab, TabName: { } tab } && Agent(request) is { Length: > 0 } agent
            ? $"tab|{agent.Length}:{agent}|{tab}"
            : null;

    /// <summary>The decision for a named tab the agent already has: it reloads there, in the background.</summary>
    public static PopupDecision WithTabAlreadyOpen(PopupDecision decision) => decision with { WebClient = decision.WebClient! with { Focus = false } };

    /// <summary>The key of step 7 for a decision that opens or runs a batch: the same (session id, trigger, agent) opens once.</summary>
    public static string? DuplicateKey(PopupRequest request, PopupDecision decision, DuplicateSuppressionOptions settings)
    {
        if (decision.Action is not (PopupAction.Open or PopupAction.RunBatch) || !settings.Enabled || request.Trigger == PopupTrigger.Demand)
        {
            return null;
        }

        var call = request.Call;
        var session = call.ChannelSessionId.Length > 0 ? call.ChannelSessionId : call.LastCallId;
        if (session.Length == 0)
        {
            return null;
        }

        var agent = Agent(request) ?? "";
        return $"{session.Length}:{session}|{WireNames.Of(request.Trigger)}|{agent}";
    }

    /// <summary>Whose state it is: the agent the host delivers to (<see cref="PopupRequest.AgentId"/>, unless empty), else the agent's username.</summary>
    private static string? Agent(PopupRequest request) => request.AgentId is { Length: > 0 } agentId ? agentId : request.Agent.Username;

    /// <summary>The decision for an interaction that already opened: none, keeping what the pipeline found.</summary>
    public static PopupDecision Duplicate(PopupRequest request, PopupDecision decision) =>
        PopupDecision.NoPopup(request.Trigger, PopupReason.Duplicate,
            $"this interaction already opened a popup on {WireNames.Of(request.Trigger)} for this agent", decision.Diagnostics);
}
