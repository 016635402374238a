namespace ScreenPopup.Duplicates;

/// <summary>
/// A state store reached over the network (Redis, a distributed cache): <see cref="IPopupEvaluator.EvaluateAsync"/> awaits
/// <see cref="TryAddAsync"/>, so no thread waits on the network while a decision is made. The synchronous
/// <see cref="IPopupStateStore.TryAdd"/> stays for <see cref="IPopupEvaluator.Evaluate"/>, which blocks its thread on it.
/// </summary>
public interface IAsyncPopupStateStore : IPopupStateStore
{
    /// <summary>The asynchronous <see cref="IPopupStateStore.TryAdd"/>, with the same atomicity.</summary>
    /// <param name="key">The key; opaque to the store.</param>
    /// <param name="timeToLive">How long the key is remembered.</param>
    /// <param name="cancellationToken">
    /// Stops waiting for the store. The evaluator passes none: once the script has decided, the state step runs to its end,
    /// so that a key recorded is a decision returned; bound every call with the store's own timeout (RedisPopupStateStore.Connect
    /// sets one second).
    /// </param>
    /// <returns><see langword="true"/> when the key was recorded now; <see langword="false"/> when it was already there.</returns>
    ValueTask<bool> TryAddAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default);
}
