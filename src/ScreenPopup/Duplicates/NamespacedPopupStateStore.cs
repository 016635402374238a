namespace ScreenPopup.Duplicates;

/// <summary>A named evaluator's view of a state store: its keys prefixed with its name, so tenants sharing one store never suppress each other's popups.</summary>
internal sealed class NamespacedPopupStateStore(string name, IPopupStateStore inner) : IAsyncPopupStateStore
{
    private readonly string _prefix = $"{name.Length}:{name}|";

    /// <inheritdoc />
    public bool TryAdd(string key, TimeSpan timeToLive) => inner.TryAdd(_prefix + key, timeToLive);

    /// <inheritdoc />
    public ValueTask<bool> TryAddAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        StateStoreCalls.TryAddAsync(inner, _prefix + key, timeToLive, cancellationToken);
}
