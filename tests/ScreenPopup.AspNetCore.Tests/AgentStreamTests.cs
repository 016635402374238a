using ScreenPopup.AspNetCore.Streams;

namespace ScreenPopup.AspNetCore.Tests;

/// <summary>An agent's stream, below the endpoints: what it holds for a page that does not read.</summary>
public sealed class AgentStreamTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PageThatDoesNotRead_HoldsOnlyTheLatestEventsPerAgent()
    {
        var stream = new AgentStream("e", capacity: 3);
        var (_, page) = stream.Connect(lastEventId: null, Now, TimeSpan.FromSeconds(30));

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
        var stream = new AgentStream("e", capacity: 3);
        var (_, page) = stream.Connect(lastEventId: null, Now, TimeSpan.FromSeconds(30));

        stream.Disconnect(page, Now);
        stream.Publish(PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "after"), Decision(), Now);

        page.Reader.Completion.IsCompleted.Should().BeTrue();
        stream.IsIdle(Now.AddSeconds(31), TimeSpan.FromSeconds(30)).Should().BeTrue();
        stream.IsIdle(Now.AddSeconds(29), TimeSpan.FromSeconds(30)).Should().BeFalse("what it holds is not stale yet");
    }

    private static PopupDecision Decision() => new() { Trigger = PopupTrigger.Ring, Action = PopupAction.None, Reason = PopupReason.NoUrl };
}
