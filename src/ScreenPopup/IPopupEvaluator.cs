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
    /// <remarks>
    /// The state between decisions (duplicates, tracked tabs) is asked on the calling thread: with a store reached over the
    /// network (Redis, a distributed cache) the thread waits for it. Servers use <see cref="EvaluateAsync"/> then.
    /// </remarks>
    PopupDecision Evaluate(PopupRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="Evaluate"/>, awaiting the state store when it is an <see cref="Duplicates.IAsyncPopupStateStore"/> (the Redis and
    /// distributed-cache stores are), so no thread waits on the network. The script runs synchronously on the calling thread,
    /// bounded by the sandbox's timeout; with the in-memory store the whole evaluation completes synchronously.
    /// </summary>
    /// <param name="request">The trigger, role, channel, call and agent variables, and open tabs.</param>
    /// <param name="cancellationToken">
    /// Stops the script when the caller gives up. Once the script has decided, the state step is not cancelled: a popup
    /// recorded as opened is always the decision returned.
    /// </param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Evaluate"/>: an enum value that is not defined. Nothing runs.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before or while the script ran.</exception>
    ValueTask<PopupDecision> EvaluateAsync(PopupRequest request, CancellationToken cancellationToken = default);
}
