namespace ScreenPopup.Duplicates;

/// <summary>
/// The in-process <see cref="IPopupStateStore"/>: thread-safe, bounded (the oldest entries are forgotten first when it
/// is full), with expiry read from a <see cref="TimeProvider"/>.
/// </summary>
public sealed class InMemoryPopupStateStore : IPopupStateStore
{
    private readonly TimeProvider _timeProvider;
    private readonly int _capacity;
    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset Expiry)> _order = new();
    private readonly Lock _lock = new();

    /// <summary>Creates a store.</summary>
    /// <param name="timeProvider">The clock; the default value is <see cref="TimeProvider.System"/>.</param>
    /// <param name="capacity">The most entries kept; the default value is 100,000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public InMemoryPopupStateStore(TimeProvider? timeProvider = null, int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _capacity = capacity;
    }

    /// <summary>The number of keys held, expired ones not yet removed included.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _expiries.Count;
            }
        }
    }

    /// <inheritdoc />
    public bool TryAdd(string key, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_expiries.TryGetValue(key, out var expiry) && expiry > now)
            {
                return false;
            }

            RemoveExpiredAndOverflow(now);
            var newExpiry = now + timeToLive;
            _expiries[key] = newExpiry;
            _order.Enqueue((key, newExpiry));
            return true;
        }
    }

    /// <summary>The keys held and not expired, each with the time it has left: what an instance writes back to a shared store that recovered.</summary>
    internal IReadOnlyList<(string Key, TimeSpan TimeLeft)> LiveEntries()
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            var live = new List<(string Key, TimeSpan TimeLeft)>(_expiries.Count);
            foreach (var (key, expiry) in _expiries)
            {
                if (expiry > now)
                {
                    live.Add((key, expiry - now));
                }
            }

            return live;
        }
    }

    /// <summary>Forgets expired entries at the head of the insertion order, then the oldest ones while the store is full.</summary>
    private void RemoveExpiredAndOverflow(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && (oldest.Expiry <= now || _expiries.Count >= _capacity || _order.Count > 2 * _capacity))
        {
            _order.Dequeue();
            if (_expiries.TryGetValue(oldest.Key, out var current) && current == oldest.Expiry)
            {
                _expiries.Remove(oldest.Key);
            }
        }
    }
}
