namespace ScreenPopup;

/// <summary>Decides what to open for an agent when an interaction triggers a popup. Implementations are thread-safe.</summary>
public interface IPopupEvaluator
{
    /// <summary>
    /// Runs the pipeline for one trigger: filters → script → placeholders → URL check → presentation.
    /// Never throws for a broken script, a hostile input or a breached limit: those are decisions.
    /// </summary>
    /// <param name="request">The trigger, role, channel, call and agent variables, and open tabs.</param>
    /// <param name="cancellationToken">Stops the script when the caller gives up.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The request's <see cref="PopupRequest.Trigger"/>, <see cref="PopupRequest.Role"/> or <see cref="PopupRequest.Channel"/> is
    /// a value its enum does not define (a cast number in code; the wire format never produces one). Nothing runs.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    PopupDecision Evaluate(PopupRequest request, CancellationToken cancellationToken = default);
}
