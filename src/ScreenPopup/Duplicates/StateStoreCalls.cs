namespace ScreenPopup.Duplicates;

/// <summary>Calls a store the asynchronous way when it has one, else the synchronous way (an in-memory store completes at once).</summary>
internal static class StateStoreCalls
{
    public static ValueTask<bool> TryAddAsync(IPopupStateStore store, string key, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        store is IAsyncPopupStateStore asynchronous
            ? asynchronous.TryAddAsync(key, timeToLive, cancellationToken)
            : new ValueTask<bool>(store.TryAdd(key, timeToLive));
}
