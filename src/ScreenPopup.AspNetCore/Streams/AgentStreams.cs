using System.Collections.Concurrent;

namespace ScreenPopup.AspNetCore.Streams;

/// <summary>
/// The streams of one mapping's agents, by agent id (ordinal). An agent's stream goes once no page has read it and what
/// it held is stale (checked at most once per <see cref="ScreenPopupEndpointOptions.StaleAfter"/>, when a decision is
/// published), so memory follows the agents active recently, not every agent ever seen.
/// </summary>
internal sealed class AgentStreams(ScreenPopupEndpointOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, AgentStream> _streams = new(StringComparer.Ordinal);
    private readonly int _eventsPerAgent = options.EventsPerAgent;
    private readonly int _pagesPerAgent = options.PagesPerAgent;
    private long _lastSweepTicks;

    public TimeSpan StaleAfter => options.StaleAfter;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The clock, for the keep-alive timers.</summary>
    public TimeProvider Time => time;

    /// <summary>Runs <paramref name="action"/> on the agent's stream, under its lock (keep it short, no I/O).</summary>
    public T Use<T>(string agent, Func<AgentStream, T> action)
    {
        while (true)
        {
            var stream = _streams.GetOrAdd(agent, static (_, state) => new AgentStream(state._eventsPerAgent, state._pagesPerAgent), this);
            lock (stream.Gate)
            {
                if (!stream.Retired)
                {
                    return action(stream);
                }
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> on the agent's stream, under its lock (keep it short, no I/O).</summary>
    public void Use(string agent, Action<AgentStream> action) => Use(agent, stream =>
    {
        action(stream);
        return true;
    });

    public AgentEvent Publish(string agent, PopupRequest request, PopupDecision decision)
    {
        var now = Now;
        var published = Use(agent, stream => stream.Publish(request, decision, now));
        SweepIfDue(now);
        return published;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < options.StaleAfter.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (agent, stream) in _streams)
        {
            lock (stream.Gate)
            {
                if (stream.IsIdle(now, options.StaleAfter))
                {
                    stream.Retired = true;
                    _streams.TryRemove(new KeyValuePair<string, AgentStream>(agent, stream));
                }
            }
        }
    }
}
