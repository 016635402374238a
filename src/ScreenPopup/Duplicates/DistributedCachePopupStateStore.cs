using Microsoft.Extensions.Caching.Distributed;

namespace ScreenPopup.Duplicates;

/// <summary>
/// An <see cref="IAsyncPopupStateStore"/> over any <see cref="IDistributedCache"/> (Redis, SQL Server, NCache, …), so several
/// host instances share duplicate suppression.
/// </summary>
/// <remarks>
/// <b>Guarantee:</b> <see cref="IDistributedCache"/> has no set-if-absent, so <see cref="TryAdd"/> (and <see cref="TryAddAsync"/>) reads, then writes.
/// Two instances deciding the same interaction within the same few milliseconds may both open; at any other time one
/// opens. For exactly one under any race, use a store with an atomic primitive, such as <c>RedisPopupStateStore</c>
/// from the ScreenPopup.Redis package.
/// </remarks>
/// <param name="cache">The shared cache.</param>
/// <param name="keyPrefix">Prepended to every key, so ScreenPopup's keys never collide with the host's. The default value is <c>screenpopup:</c>.</param>
public sealed class DistributedCachePopupStateStore(IDistributedCache cache, string keyPrefix = "screenpopup:") : IAsyncPopupStateStore
{
    private static readonly byte[] Marker = [1];

    /// <inheritdoc />
    public bool TryAdd(string key, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(key);
        var fullKey = keyPrefix + key;
        if (cache.Get(fullKey) is not null)
        {
            return false;
        }

        cache.Set(fullKey, Marker, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive });
        return true;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAddAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var fullKey = keyPrefix + key;
        if (await cache.GetAsync(fullKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await cache.SetAsync(fullKey, Marker, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive }, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
