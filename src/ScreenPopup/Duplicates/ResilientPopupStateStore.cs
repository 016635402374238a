using Microsoft.Extensions.Logging;

namespace ScreenPopup;

/// <summary>
/// Keeps a shared store's failure from ever blocking or failing a decision. While the store works, its answer counts
/// (and the local store learns it too). When it throws (Redis down, a timeout), the decision uses the local in-memory
/// store instead (duplicates are then suppressed within this instance only), the failure is logged once and counted,
/// and the shared store is left alone for <see cref="RetryAfter"/> before it is tried again: recovery needs nothing.
/// </summary>
internal sealed class ResilientPopupStateStore(IPopupStateStore shared, IPopupStateStore local, TimeProvider timeProvider, ILogger logger, PopupMetrics metrics) : IPopupStateStore
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private long _bypassUntilTicks;
    private bool _degraded;

    public bool TryAdd(string key, TimeSpan timeToLive)
    {
        if (timeProvider.GetUtcNow().UtcTicks < Volatile.Read(ref _bypassUntilTicks))
        {
            return local.TryAdd(key, timeToLive);
        }

        try
        {
            var added = shared.TryAdd(key, timeToLive);
            local.TryAdd(key, timeToLive);
            Recovered();
            return added;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failed(e, key);
            return local.TryAdd(key, timeToLive);
        }
    }

    private void Failed(Exception e, string key)
    {
        metrics.RecordStateStoreFailure();
        lock (_lock)
        {
            Volatile.Write(ref _bypassUntilTicks, (timeProvider.GetUtcNow() + RetryAfter).UtcTicks);
            if (_degraded)
            {
                return;
            }

            _degraded = true;
        }

        logger.StateStoreFailed(shared.GetType().Name, RetryAfter.TotalSeconds, $"{e.GetType().Name}: {WithoutKey(e.Message, key)}");
    }

    /// <summary>
    /// A store's error message with the key masked, whole and part by part: a key holds the interaction's session id and the
    /// agent's username (Redis names the key of a command that timed out), and logs identify no caller or agent.
    /// </summary>
    private static string WithoutKey(string message, string key)
    {
        message = message.Replace(key, "***", StringComparison.Ordinal);
        foreach (var part in key.Split('|', ':'))
        {
            if (part.Length >= 3)
            {
                message = message.Replace(part, "***", StringComparison.Ordinal);
            }
        }

        return BoundedMessage.Of(message);
    }

    private void Recovered()
    {
        if (!Volatile.Read(ref _degraded))
        {
            return;
        }

        lock (_lock)
        {
            if (!_degraded)
            {
                return;
            }

            _degraded = false;
        }

        logger.StateStoreRecovered(shared.GetType().Name);
    }
}
