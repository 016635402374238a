using System.Threading.Channels;

namespace ScreenPopup.AspNetCore.Streams;

/// <summary>
/// One agent's decisions: the latest ones (for a page that reconnects), the pages reading now, the interaction the agent
/// is on, and the named tabs the agent's page was sent. Every member is called under <see cref="Gate"/>
/// (<see cref="AgentStreams.Use{T}"/>), and does no I/O there.
/// </summary>
internal sealed class AgentStream(string epoch, int capacity)
{
    private readonly Queue<AgentEvent> _recent = new(capacity);
    private readonly List<Channel<AgentEvent>> _pages = [];
    private readonly HashSet<string> _tabsSent = new(StringComparer.Ordinal);
    private long _sequence;

    public Lock Gate { get; } = new();

    /// <summary>Set when the stream was swept away: whoever holds it fetches the agent's stream again.</summary>
    public bool Retired { get; set; }

    /// <summary>The agent's current interaction: the last one rung or answered.</summary>
    public PopupRequest? Current { get; private set; }

    /// <summary>When the stream was last used: a decision published, a page connected or gone.</summary>
    public DateTimeOffset LastActivity { get; private set; }

    /// <summary>
    /// The request as the evaluator should see it: the named tabs the agent's page was sent are open, so a named tab
    /// reused reloads in the background (<c>focus: false</c>).
    /// </summary>
    public PopupRequest WithOpenTabs(PopupRequest request) =>
        _tabsSent.Count == 0 ? request : request with { OpenTabs = [.. request.OpenTabs.Union(_tabsSent, StringComparer.Ordinal)] };

    public AgentEvent Publish(PopupRequest request, PopupDecision decision, DateTimeOffset now)
    {
        if (Interaction.MakesCurrent(request.Trigger))
        {
            Current = request;
        }

        if (decision is { Action: PopupAction.Open, WebClient: { Target: WebClientTarget.NamedTab, TabName: { } tab } })
        {
            _tabsSent.Add(tab);
        }

        _sequence++;
        var item = AgentEvent.Create(_sequence, new EventId(epoch, _sequence).ToString(), now, request, decision);
        if (_recent.Count == capacity)
        {
            _recent.Dequeue();
        }

        _recent.Enqueue(item);
        foreach (var page in _pages)
        {
            page.Writer.TryWrite(item);   // bounded, dropping the oldest: a page that does not read never holds memory
        }

        LastActivity = now;
        return item;
    }

    /// <summary>
    /// A page connects. Resuming (<paramref name="lastEventId"/> from this stream): it is sent the decisions after that
    /// one that are not stale. Otherwise it is a new page: nothing from before is sent (no caller from before the
    /// login), and it has none of the tabs earlier pages were sent.
    /// </summary>
    public (IReadOnlyList<AgentEvent> Missed, Channel<AgentEvent> Live) Connect(string? lastEventId, DateTimeOffset now, TimeSpan staleAfter)
    {
        List<AgentEvent> missed = [];
        if (EventId.TryParse(lastEventId, out var resumed) && resumed.Epoch == epoch && resumed.Sequence <= _sequence)
        {
            missed.AddRange(_recent.Where(e => e.Sequence > resumed.Sequence && now - e.DecidedAt <= staleAfter));
        }
        else
        {
            _tabsSent.Clear();
        }

        var live = Channel.CreateBounded<AgentEvent>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _pages.Add(live);
        LastActivity = now;
        return (missed, live);
    }

    public void Disconnect(Channel<AgentEvent> page, DateTimeOffset now)
    {
        _pages.Remove(page);
        page.Writer.TryComplete();
        LastActivity = now;
    }

    /// <summary>No page reads it and everything it holds is stale: nothing is lost when it goes.</summary>
    public bool IsIdle(DateTimeOffset now, TimeSpan staleAfter) => _pages.Count == 0 && now - LastActivity > staleAfter;
}
