namespace ScreenPopup.Legacy;

/// <summary>Runs the batch file of a <see cref="PopupAction.RunBatch"/> decision on the agent's PC.</summary>
public interface ILegacyBatRunner
{
    /// <summary>
    /// Runs the batch with its environment (the parent's environment plus the legacy variables), never putting call data
    /// on the command line. Never throws for a missing file or interpreter, a timeout or a failing batch: see the result.
    /// </summary>
    /// <param name="batch">The batch file and its environment, from <see cref="PopupDecision.Batch"/>.</param>
    /// <param name="cancellationToken">Stops waiting for a slot, or kills the running batch.</param>
    /// <returns>How the run ended, with exit code and captured output.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<BatchRunResult> RunAsync(BatchInvocation batch, CancellationToken cancellationToken = default);
}
