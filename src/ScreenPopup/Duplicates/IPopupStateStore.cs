namespace ScreenPopup.Duplicates;

/// <summary>
/// The state the evaluator keeps between decisions: the keys of popups already opened, each with an expiry.
/// The built-in <see cref="InMemoryPopupStateStore"/> serves one process; implement this to share the state
/// between several instances of a host.
/// </summary>
public interface IPopupStateStore
{
    /// <summary>
    /// Records <paramref name="key"/> unless it is already recorded and not expired, atomically: when several callers
    /// add the same key at once, exactly one gets <see langword="true"/>.
    /// </summary>
    /// <param name="key">The key; opaque to the store.</param>
    /// <param name="timeToLive">How long the key is remembered.</param>
    /// <returns><see langword="true"/> when the key was recorded now; <see langword="false"/> when it was already there.</returns>
    bool TryAdd(string key, TimeSpan timeToLive);
}
