using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using static ScreenPopup.AspNetCore.Tests.PopupServer;

namespace ScreenPopup.AspNetCore.Tests;

/// <summary>The agent's event stream: what a page is sent, when it connects, reconnects, or reads slowly.</summary>
public sealed class EventStreamTests
{
    [Fact]
    public async Task Trigger_IsPushedToTheAgentsPage_WithItsInteractionAndTime()
    {
        await using var server = await StartAsync();
        using var page = await server.ConnectAsync("mrossi");

        var returned = await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "s1", "+39 02 5555"));

        var pushed = await page.NextAsync();
        pushed["decision"]!.ToJsonString().Should().Be(System.Text.Json.Nodes.JsonNode.Parse(ScreenPopup.Serialization.PopupJson.Serialize(returned))!.ToJsonString());
        pushed["decision"]!["url"]!.GetValue<string>().Should().Be("https://crm.example/support?cli=%2B39%2002%205555&session=s1&event=ring");
        pushed["interaction"]!.ToJsonString().Should().Be("""{"session":"s1","service":"SUPPORT","channel":"phone"}""", "the page is told the interaction, not the caller");
        pushed["decidedAt"]!.GetValue<long>().Should().Be(server.Time.GetUtcNow().ToUnixTimeMilliseconds());
        page.LastEventId.Should().MatchRegex("^[0-9a-f]{12}-1$");
    }

    [Fact]
    public async Task Ready_TellsTheServersClock_TheStaleAge_AndTheCurrentInteraction()
    {
        await using var server = await StartAsync(options => options.StaleAfter = TimeSpan.FromSeconds(12));
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Answer, "SUPPORT", "on-call"));

        using var page = await server.ConnectAsync("mrossi");

        page.Ready["agent"]!.GetValue<string>().Should().Be("mrossi");
        page.Ready["serverTime"]!.GetValue<long>().Should().Be(server.Time.GetUtcNow().ToUnixTimeMilliseconds());
        page.Ready["staleAfterMs"]!.GetValue<long>().Should().Be(12_000);
        page.Ready["current"]!["session"]!.GetValue<string>().Should().Be("on-call", "a page opened mid-call knows the call it is on");
    }

    [Fact]
    public async Task NewPage_IsSentNothingDecidedBeforeItConnected()
    {
        await using var server = await StartAsync();
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Answer, "SUPPORT", "before-login"));

        using var page = await server.ConnectAsync("mrossi");
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "after-login"));

        (await page.NextSessionAsync()).Should().Be("after-login", "events arrive in order: the earlier one would have come first");
    }

    [Fact]
    public async Task ReconnectingPage_IsSentWhatItMissed_ExceptWhatIsStale()
    {
        await using var server = await StartAsync(options => options.StaleAfter = TimeSpan.FromSeconds(30));
        var resumeFrom = await SeenOneAsync(server);

        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "old"));
        server.Time.Advance(TimeSpan.FromSeconds(31));
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "missed"));

        using var resumed = await server.ConnectAsync("mrossi", resumeFrom);
        (await resumed.NextSessionAsync()).Should().Be("missed", "'old' is 31 s old, past the stale age");
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "live"));
        (await resumed.NextSessionAsync()).Should().Be("live");
    }

    [Fact]
    public async Task ReconnectingPage_CanNameTheLastEventInTheQuery()
    {
        await using var server = await StartAsync();
        var resumeFrom = await SeenOneAsync(server);

        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "missed"));

        using var resumed = await server.ConnectAsync("mrossi", query: "?lastEventId=" + Uri.EscapeDataString(resumeFrom));
        (await resumed.NextSessionAsync()).Should().Be("missed");
    }

    [Fact]
    public async Task ReconnectingPage_IsSentAtMostTheLatestEventsPerAgent()
    {
        await using var server = await StartAsync(options => options.EventsPerAgent = 3);
        var resumeFrom = await SeenOneAsync(server);

        for (var i = 1; i <= 5; i++)
        {
            await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", $"missed{i}"));
        }

        using var resumed = await server.ConnectAsync("mrossi", resumeFrom);
        (await resumed.NextSessionAsync()).Should().Be("missed3");
        (await resumed.NextSessionAsync()).Should().Be("missed4");
        (await resumed.NextSessionAsync()).Should().Be("missed5");
    }

    [Theory]
    [InlineData("nonsense", "not an id")]
    [InlineData("", "empty")]
    public async Task LastEventIdNotFromThisStream_ResumesNothing(string lastEventId, string why)
    {
        await using var server = await StartAsync();
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "before"));

        using var page = await server.ConnectAsync("mrossi", lastEventId);
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "after"));

        (await page.NextSessionAsync()).Should().Be("after", why);
    }

    /// <summary>
    /// A page that was connected before a restart (or before its agent's stream was swept and made again) resumes with an
    /// id of an earlier stream: everything the new stream holds is newer than what it saw, so it is sent all that is not stale.
    /// </summary>
    [Fact]
    public async Task LastEventIdOfAnEarlierStream_ResumesEverythingHeldThatIsNotStale()
    {
        string beforeRestart;
        await using (var before = await StartAsync())
        {
            using var page = await before.ConnectAsync("mrossi");
            await before.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "seen"));
            await page.NextAsync();
            beforeRestart = page.LastEventId!;
        }

        await using var server = await StartAsync(options => options.StaleAfter = TimeSpan.FromSeconds(30));
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "stale"));
        server.Time.Advance(TimeSpan.FromSeconds(31));
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "missed1"));
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "missed2"));

        using var resumed = await server.ConnectAsync("mrossi", beforeRestart);
        (await resumed.NextSessionAsync()).Should().Be("missed1");
        (await resumed.NextSessionAsync()).Should().Be("missed2");
    }

    /// <summary>A page dropped before its first decision resumes from the ready event's id: the ring decided meanwhile is sent.</summary>
    [Fact]
    public async Task PageDroppedBeforeItsFirstDecision_IsSentWhatItMissed()
    {
        await using var server = await StartAsync();
        string readyId;
        using (var page = await server.ConnectAsync("mrossi"))
        {
            readyId = page.ReadyId!;
        }

        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "during-blip"));

        using var back = await server.ConnectAsync("mrossi", readyId);
        (await back.NextSessionAsync()).Should().Be("during-blip");
    }

    /// <summary>A page that drops while it is sent what it missed has, as its ready event's id, what it had before: nothing is lost.</summary>
    [Fact]
    public async Task ResumedPage_ReadyIdIsWhereThePageStood()
    {
        await using var server = await StartAsync();
        var resumeFrom = await SeenOneAsync(server);
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "missed"));

        using var resumed = await server.ConnectAsync("mrossi", resumeFrom);

        resumed.ReadyId.Should().Be(resumeFrom);
    }

    [Fact]
    public async Task SilentStream_IsKeptAliveWithAPing()
    {
        await using var server = await StartAsync(options => options.KeepAliveInterval = TimeSpan.FromSeconds(15));
        using var page = await server.ConnectAsync("mrossi");

        // The page is waiting now or soon: move the clock until its keep-alive timer has fired.
        var ping = page.NextAsync("ping");
        await Poll.UntilAsync(() =>
        {
            server.Time.Advance(TimeSpan.FromSeconds(15));
            return ping.IsCompleted;
        }, "a ping is sent after 15 s of silence");
        await ping;
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "after-ping"));
        (await page.NextSessionAsync()).Should().Be("after-ping");
    }

    [Fact]
    public async Task PagesOverTheLimit_Are429()
    {
        await using var server = await StartAsync(options => options.PagesPerAgent = 2);
        using var first = await server.ConnectAsync("mrossi");
        using var second = await server.ConnectAsync("mrossi");

        using var third = new HttpRequestMessage(HttpMethod.Get, "/screenpopup/events");
        third.Headers.Add(AgentHeader, "mrossi");
        using var refused = await server.Client.SendAsync(third, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        (await TriggerEndpointTests.ProblemAsync(refused, System.Net.HttpStatusCode.TooManyRequests))["detail"]!.GetValue<string>().Should().Contain("PagesPerAgent");
        using var otherAgent = await server.ConnectAsync("bverdi");
    }

    /// <summary>A call that rings several agents (a hunt group) pops for each of them: duplicates are per agent of the stream.</summary>
    [Fact]
    public async Task SameCallRingingTwoAgents_PopsForBoth()
    {
        await using var server = await StartAsync();

        var first = await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "hunt-1"));
        var second = await server.TriggerAsync("bverdi", Request(PopupTrigger.Ring, "SUPPORT", "hunt-1"));
        var resent = await server.TriggerAsync("bverdi", Request(PopupTrigger.Ring, "SUPPORT", "hunt-1"));

        first.Action.Should().Be(PopupAction.Open);
        second.Action.Should().Be(PopupAction.Open, "bverdi was rung too");
        resent.Reason.Should().Be(PopupReason.Duplicate, "a resent ring for bverdi is still a duplicate");
    }

    [Fact]
    public async Task LastEventIdFromTheFuture_ResumesNothing()
    {
        await using var server = await StartAsync();
        string id;
        using (var page = await server.ConnectAsync("mrossi"))
        {
            await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "first"));
            await page.NextAsync();
            id = page.LastEventId!;
        }

        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "before"));
        using var forged = await server.ConnectAsync("mrossi", id[..id.LastIndexOf('-')] + "-99");
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "after"));

        (await forged.NextSessionAsync()).Should().Be("after");
    }

    [Fact]
    public async Task TwoPagesOfOneAgent_BothReceiveEachDecision()
    {
        await using var server = await StartAsync();
        using var first = await server.ConnectAsync("mrossi");
        using var second = await server.ConnectAsync("mrossi");

        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "s1"));

        (await first.NextSessionAsync()).Should().Be("s1");
        (await second.NextSessionAsync()).Should().Be("s1");
    }

    [Fact]
    public async Task NamedTab_TakesFocusOnce_ThenReloadsInTheBackground_UntilANewPageConnects()
    {
        await using var server = await StartAsync();
        using (var page = await server.ConnectAsync("mrossi"))
        {
            (await server.TriggerAsync("mrossi", Request(PopupTrigger.Answer, "SALES", "a"))).WebClient!.Focus.Should().BeTrue("the tab is new");
            (await server.TriggerAsync("mrossi", Request(PopupTrigger.Answer, "SALES", "b"))).WebClient!.Focus.Should().BeFalse("the page was sent the tab: it reloads behind");
        }

        using var reloaded = await server.ConnectAsync("mrossi");
        (await server.TriggerAsync("mrossi", Request(PopupTrigger.Answer, "SALES", "c"))).WebClient!.Focus.Should().BeTrue("a new page has no handle on the tab: it opens it again");
    }

    [Fact]
    public async Task ResentRing_IsADuplicate_AndTheFrameIsNotReloaded()
    {
        await using var server = await StartAsync();
        using var page = await server.ConnectAsync("mrossi");

        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "s1"));
        var resent = await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "s1"));

        resent.Action.Should().Be(PopupAction.None);
        resent.Reason.Should().Be(PopupReason.Duplicate, "duplicate suppression stays on");
    }

    [Fact]
    public async Task IdleAgents_AreForgotten_OnceWhatTheyHeldIsStale()
    {
        await using var server = await StartAsync(options => options.StaleAfter = TimeSpan.FromSeconds(30));
        using var connected = await server.ConnectAsync("connected");
        for (var i = 0; i < 50; i++)
        {
            await server.TriggerAsync($"agent{i}", Request(PopupTrigger.Ring, "SUPPORT", $"s{i}"));
        }

        server.Time.Advance(TimeSpan.FromSeconds(31));
        await server.TriggerAsync("after", Request(PopupTrigger.Ring, "SUPPORT", "x"));

        // The stream of an agent whose page is connected stays, and so does its current interaction.
        await server.TriggerAsync("connected", Request(PopupTrigger.Answer, "SUPPORT", "kept"));
        (await connected.NextSessionAsync()).Should().Be("kept");
        using var forgotten = await server.ConnectAsync("agent7");
        forgotten.Ready["current"].Should().BeNull("agent7's stream went with its interaction, 31 s after anything happened");
    }

    /// <summary>A page of mrossi that saw one decision (session "seen") and left: the id it resumes from.</summary>
    private static async Task<string> SeenOneAsync(PopupServer server)
    {
        using var page = await server.ConnectAsync("mrossi");
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "seen"));
        (await page.NextSessionAsync()).Should().Be("seen");
        return page.LastEventId!;
    }
}
