using Microsoft.Extensions.Logging;
using ScreenPopup.Diagnostics;

namespace ScreenPopup.Duplicates;

/// <summary>
/// Keeps a shared store's failure from ever blocking or failing a decision, and an outage from ever reopening a popup
/// this instance opened. The instance's own memory is asked first: what it opened (or learned was opened) within the
/// window is a duplicate whatever the shared store says or forgot. Only what it does not remember is asked of the shared
/// store, whose answer then counts (and is remembered too). When the shared store throws (Redis down, a timeout), the
/// decision uses the instance's memory alone (duplicates are then suppressed within this instance only), the failure is
/// logged once and counted, and the shared store is left alone for <see cref="RetryAfter"/> before it is tried again.
/// When it works again, everything the instance remembers is written back to it in the background (set-if-absent, with
/// the time each entry has left), so that the other instances see what this one opened before and during the outage,
/// even when the store lost its data. Recovery needs nothing. <see cref="TryAddAsync"/> awaits a shared store that is an
/// <see cref="IAsyncPopupStateStore"/>, with the same rules.
/// </summary>
internal sealed class ResilientPopupStateStore(IPopupStateStore shared, InMemoryPopupStateStore local, TimeProvider timeProvider, ILogger logger, PopupMetrics metrics) : IAsyncPopupStateStore
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The shortest time left worth writing back: Redis refuses an expiry under a millisecond, and such a key is gone anyway.</summary>
    private static readonly TimeSpan ShortestWrittenBack = TimeSpan.FromMilliseconds(1);

    private readonly Lock _lock = new();
    private long _bypassUntilTicks;
    private bool _degraded;
    private int _writeBacksAsked;

    /// <summary>Whether the shared store failed and has not worked again since.</summary>
    public bool IsFailing => Volatile.Read(ref _degraded);

    public bool TryAdd(string key, TimeSpan timeToLive)
    {
        if (!AsksShared(key, timeToLive, out var answer))
        {
            return answer;
        }

        try
        {
            var added = shared.TryAdd(key, timeToLive);
            Recovered();
            return added;
        }
        catch (Exception e) when (IsStoreFailure(e, CancellationToken.None))
        {
            Failed(e, key);
            return true;
        }
    }

    public async ValueTask<bool> TryAddAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        if (!AsksShared(key, timeToLive, out var answer))
        {
            return answer;
        }

        try
        {
            var added = await StateStoreCalls.TryAddAsync(shared, key, timeToLive, cancellationToken).ConfigureAwait(false);
            Recovered();
            return added;
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            Failed(e, key);
            return true;
        }
    }

    /// <summary>
    /// Whether the shared store is to be asked about a key this instance did not remember (it remembers it from now on);
    /// when not, <paramref name="answer"/> is the answer: <see langword="false"/> for a key it remembered (this instance
    /// opened it, or learned that another did, within the window), <see langword="true"/> while the shared store is left alone.
    /// </summary>
    private bool AsksShared(string key, TimeSpan timeToLive, out bool answer)
    {
        answer = local.TryAdd(key, timeToLive);
        return answer && timeProvider.GetUtcNow().UtcTicks >= Volatile.Read(ref _bypassUntilTicks);
    }

    /// <summary>A failure of the store, not the caller giving up.</summary>
    private static bool IsStoreFailure(Exception e, CancellationToken cancellationToken) =>
        e is not OutOfMemoryException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);

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

            // The store answered (a call that began before the failure may be the one): stop leaving it alone, so that
            // from now on no key is recorded here only. The keys recorded here before are in the write-back's snapshot,
            // which is taken after this.
            Volatile.Write(ref _bypassUntilTicks, 0);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.StateStoreRecovered(shared.GetType().Name, local.LiveEntries().Count);
        }

        if (Interlocked.Increment(ref _writeBacksAsked) == 1)
        {
            _ = Task.Run(WriteBackAsync);
        }
    }

    /// <summary>
    /// Writes what this instance remembers into the shared store, set-if-absent, pass after pass while recoveries asked
    /// for one since the last pass began: a recovery that comes while a pass runs (another outage ended meanwhile) gets a
    /// pass of its own, with what was remembered since.
    /// </summary>
    private async Task WriteBackAsync()
    {
        var asked = Volatile.Read(ref _writeBacksAsked);
        while (true)
        {
            await WriteBackOnceAsync(local.LiveEntries()).ConfigureAwait(false);
            var askedSince = Interlocked.Add(ref _writeBacksAsked, -asked);
            if (askedSince == 0)
            {
                return;
            }

            asked = askedSince;
        }
    }

    /// <summary>One pass; it stops at the first failure (the recovery after it asks for another).</summary>
    private async Task WriteBackOnceAsync(IReadOnlyList<(string Key, TimeSpan TimeLeft)> remembered)
    {
        foreach (var (key, timeLeft) in remembered)
        {
            if (timeLeft < ShortestWrittenBack)
            {
                continue;
            }

            try
            {
                await StateStoreCalls.TryAddAsync(shared, key, timeLeft, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Failed(e, key);
                return;
            }
        }
    }
}
