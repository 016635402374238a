using System.Security.Cryptography;
using System.Threading.Channels;

namespace ScreenPopup.AspNetCore.Streams;

/// <summary>
/// One agent's decisions: the latest ones (for a page that reconnects), the pages reading now, the interaction the agent
/// is on, and the named tabs the agent's page was sent. Every member but <see cref="Deciding"/> is called under
/// <see cref="Gate"/> (<see cref="AgentStreams.Use{T}"/>), and does no I/O there.
/// </summary>
internal sealed class AgentStream(int capacity, int maxPages)
{
    private readonly Queue<AgentEvent> _recent = new();
    private readonly List<Channel<AgentEvent>> _pages = [];
    private readonly HashSet<string> _tabsSent = new(StringComparer.Ordinal);
    private long _sequence;
    private int _decisionsInFlight;

    /// <summary>
    /// Random per stream, so that an event id never names two events: not after a restart, and not after the agent's
    /// stream was swept and made again.
    /// </summary>
    public string Epoch { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public Lock Gate { get; } = new();

    /// <summary>
    /// Held while one of the agent's triggers is decided and published: the agent's decisions are published in the order
    /// they were decided, and the current interaction is the last one rung or answered.
    /// </summary>
    public SemaphoreSlim Deciding { get; } = new(1, 1);

    /// <summary>Set when the stream was swept away: whoever holds it fetches the agent's stream again.</summary>
    public bool Retired { get; set; }

    /// <summary>The agent's current interaction: the last one rung or answered.</summary>
    public PopupRequest? Current { get; private set; }

    /// <summary>When the stream was last used: a decision asked for, ended or published, a page connected or gone.</summary>
    public DateTimeOffset LastActivity { get; private set; }

    /// <summary>A decision for the agent is on its way (<see cref="Deciding"/> is asked for): the stream is not idle until it ends.</summary>
    public SemaphoreSlim BeginDecision(DateTimeOffset now)
    {
        _decisionsInFlight++;
        LastActivity = now;
        return Deciding;
    }

    public void EndDecision(DateTimeOffset now)
    {
        _decisionsInFlight--;
        LastActivity = now;
    }

    /// <summary>
    /// The request as the evaluator should see it: for this agent (<see cref="PopupRequest.AgentId"/>), and with the
    /// named tabs the agent's page was sent open, so that a named tab reused reloads in the background (<c>focus: false</c>).
    /// </summary>
    public PopupRequest ForAgent(PopupRequest request, string agent) =>
        _tabsSent.Count == 0
            ? request with { AgentId = agent }
            : request with { AgentId = agent, OpenTabs = [.. request.OpenTabs.Union(_tabsSent, StringComparer.Ordinal)] };

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
        var item = AgentEvent.Create(_sequence, new EventId(Epoch, _sequence).ToString(), now, request, decision);
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
    /// A page connects; null when the agent already has <c>maxPages</c> pages reading. <c>ReadyId</c> is the id of the
    /// ready event: what the page has, so that a page dropped before its first decision (or while being sent what it
    /// missed) resumes where it stands rather than as a new page. A page that resumes
    /// (<paramref name="lastEventId"/>) is sent what it missed that is not stale: the decisions after that one, or, for
    /// an id of an earlier stream (before a restart or a sweep), every decision this stream holds, all of them newer.
    /// Without an id it is a new page: nothing from before is sent (no caller from before the login), and it has none
    /// of the tabs earlier pages were sent.
    /// </summary>
    public (IReadOnlyList<AgentEvent> Missed, Channel<AgentEvent> Live, string ReadyId)? Connect(string? lastEventId, DateTimeOffset now, TimeSpan staleAfter)
    {
        if (_pages.Count >= maxPages)
        {
            return null;
        }

        List<AgentEvent> missed = [];
        var has = _sequence;
        if (!EventId.TryParse(lastEventId, out var resumed))
        {
            _tabsSent.Clear();
        }
        else if (resumed.Epoch != Epoch || resumed.Sequence <= _sequence)
        {
            has = resumed.Epoch == Epoch ? resumed.Sequence : 0;
            missed.AddRange(_recent.Where(e => e.Sequence > has && now - e.DecidedAt <= staleAfter));
        }

        var live = Channel.CreateBounded<AgentEvent>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _pages.Add(live);
        LastActivity = now;
        return (missed, live, new EventId(Epoch, has).ToString());
    }

    public void Disconnect(Channel<AgentEvent> page, DateTimeOffset now)
    {
        _pages.Remove(page);
        page.Writer.TryComplete();
        LastActivity = now;
    }

    /// <summary>No page reads it, no decision is on its way, and everything it holds is stale: nothing is lost when it goes.</summary>
    public bool IsIdle(DateTimeOffset now, TimeSpan staleAfter) => _pages.Count == 0 && _decisionsInFlight == 0 && now - LastActivity > staleAfter;
}
