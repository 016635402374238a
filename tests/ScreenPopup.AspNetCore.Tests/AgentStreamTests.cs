using ScreenPopup.AspNetCore.Streams;

namespace ScreenPopup.AspNetCore.Tests;

/// <summary>An agent's stream, below the endpoints: what it holds for a page that does not read.</summary>
public sealed class AgentStreamTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PageThatDoesNotRead_HoldsOnlyTheLatestEventsPerAgent()
    {
        var stream = new AgentStream(capacity: 3, maxPages: 8);
        var (_, page, _) = stream.Connect(lastEventId: null, Now, TimeSpan.FromSeconds(30))!.Value;

        for (var i = 1; i <= 10; i++)
        {
            stream.Publish(PopupServer.Request(PopupTrigger.Ring, "SUPPORT", $"s{i}"), Decision(), Now);
        }

        page.Reader.Count.Should().Be(3);
        var held = new List<long>();
        while (page.Reader.TryRead(out var item))
        {
            held.Add(item.Sequence);
        }

        held.Should().Equal(8, 9, 10);
    }

    [Fact]
    public void PageThatLeft_IsSentNothingMore()
    {
        var stream = new AgentStream(capacity: 3, maxPages: 8);
        var (_, page, _) = stream.Connect(lastEventId: null, Now, TimeSpan.FromSeconds(30))!.Value;

        stream.Disconnect(page, Now);
        stream.Publish(PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "after"), Decision(), Now);

        page.Reader.Completion.IsCompleted.Should().BeTrue();
        stream.IsIdle(Now.AddSeconds(31), TimeSpan.FromSeconds(30)).Should().BeTrue();
        stream.IsIdle(Now.AddSeconds(29), TimeSpan.FromSeconds(30)).Should().BeFalse("what it holds is not stale yet");
    }

    /// <summary>An agent's stream swept and made again names its events afresh: a page's id from the old one resumes everything the new one holds.</summary>
    [Fact]
    public void StreamMadeAgainAfterASweep_HasANewEpoch()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var streams = new AgentStreams(new ScreenPopupEndpointOptions { StaleAfter = TimeSpan.FromSeconds(30) }, time);
        var before = streams.Publish("mrossi", PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "old"), Decision());

        time.Advance(TimeSpan.FromSeconds(31));
        streams.Publish("someone-else", PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "x"), Decision());
        var after = streams.Publish("mrossi", PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "new"), Decision());

        after.Sequence.Should().Be(1, "mrossi's stream was swept and made again");
        after.Id.Should().NotBe(before.Id, "an id never names two events");
        var (missed, _, _) = streams.Use("mrossi", stream => stream.Connect(before.Id, time.GetUtcNow(), TimeSpan.FromSeconds(30))!.Value);
        missed.Select(e => e.Id).Should().Equal(after.Id);
    }

    [Fact]
    public void HeldEvents_AreNotAllocatedAhead()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        _ = new AgentStream(capacity: 10_000, maxPages: 8);

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(10_000, "an agent who only connects holds no room for 10,000 decisions");
    }

    private static PopupDecision Decision() => new() { Trigger = PopupTrigger.Ring, Action = PopupAction.None, Reason = PopupReason.NoUrl };
}
