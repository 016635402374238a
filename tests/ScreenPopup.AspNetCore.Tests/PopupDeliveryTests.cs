using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ScreenPopup.AspNetCore.Endpoints;
using ScreenPopup.AspNetCore.Streams;

namespace ScreenPopup.AspNetCore.Tests;

/// <summary>How one agent's triggers are decided when they arrive together.</summary>
public sealed class PopupDeliveryTests
{
    /// <summary>
    /// A trigger that arrives while another of the same agent is being decided waits for it: the page gets the decisions
    /// in the order they were made, and the later ring is the current interaction (a demand pops the right caller).
    /// </summary>
    [Fact]
    public async Task TriggerForAnAgentBeingDecided_WaitsForThatDecision()
    {
        var evaluator = new GatedEvaluator("older");
        var streams = new AgentStreams(new ScreenPopupEndpointOptions(), TimeProvider.System);
        var delivery = new PopupDelivery(streams, new EvaluatorSource(null));
        var services = new ServiceCollection().AddSingleton<IPopupEvaluator>(evaluator).BuildServiceProvider();
        var (_, page, _) = streams.Use("mrossi", stream => stream.Connect(null, streams.Now, streams.StaleAfter)!.Value);

        var older = delivery.DecideAsync(new DefaultHttpContext { RequestServices = services }, "mrossi", PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "older"));
        await evaluator.Entered.Task;
        var newer = delivery.DecideAsync(new DefaultHttpContext { RequestServices = services }, "mrossi", PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "newer"));

        newer.IsCompleted.Should().BeFalse("'newer' waits while 'older' is decided (its evaluation would complete at once)");
        evaluator.Release.SetResult();
        await Task.WhenAll(older, newer);
        Sessions(page).Should().Equal("older", "newer");
        streams.Use("mrossi", stream => stream.Current!.Call.ChannelSessionId).Should().Be("newer");
    }

    [Fact]
    public async Task OtherAgents_AreNotKeptWaiting()
    {
        var evaluator = new GatedEvaluator("held");
        var streams = new AgentStreams(new ScreenPopupEndpointOptions(), TimeProvider.System);
        var delivery = new PopupDelivery(streams, new EvaluatorSource(null));
        var services = new ServiceCollection().AddSingleton<IPopupEvaluator>(evaluator).BuildServiceProvider();

        var held = delivery.DecideAsync(new DefaultHttpContext { RequestServices = services }, "mrossi", PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "held"));
        await evaluator.Entered.Task;
        var other = delivery.DecideAsync(new DefaultHttpContext { RequestServices = services }, "bverdi", PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "other"));

        other.IsCompleted.Should().BeTrue("each agent is decided on their own");
        evaluator.Release.SetResult();
        await held;
    }

    /// <summary>
    /// A decision that outlasts the stale age (a store that hangs) keeps its agent's stream: a sweep then would give the
    /// agent's next trigger a new stream, decided beside the first, and the older call would end up current.
    /// </summary>
    [Fact]
    public async Task StreamWithADecisionOnItsWay_IsNotSwept()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var evaluator = new GatedEvaluator("older");
        var streams = new AgentStreams(new ScreenPopupEndpointOptions { StaleAfter = TimeSpan.FromSeconds(30) }, time);
        var delivery = new PopupDelivery(streams, new EvaluatorSource(null));
        var services = new ServiceCollection().AddSingleton<IPopupEvaluator>(evaluator).BuildServiceProvider();

        var older = delivery.DecideAsync(new DefaultHttpContext { RequestServices = services }, "mrossi", PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "older"));
        await evaluator.Entered.Task;
        time.Advance(TimeSpan.FromSeconds(31));
        streams.Publish("someone-else", PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "x"), new PopupDecision { Trigger = PopupTrigger.Ring, Action = PopupAction.None, Reason = PopupReason.NoUrl });
        var newer = delivery.DecideAsync(new DefaultHttpContext { RequestServices = services }, "mrossi", PopupServer.Request(PopupTrigger.Ring, "SUPPORT", "newer"));

        newer.IsCompleted.Should().BeFalse("'newer' still waits for 'older'");
        evaluator.Release.SetResult();
        await Task.WhenAll(older, newer);
        streams.Use("mrossi", stream => stream.Current!.Call.ChannelSessionId).Should().Be("newer");
    }

    private static List<string> Sessions(Channel<AgentEvent> page)
    {
        var sessions = new List<string>();
        while (page.Reader.TryRead(out var item))
        {
            sessions.Add(System.Text.Json.Nodes.JsonNode.Parse(item.Json)!["interaction"]!["session"]!.GetValue<string>());
        }

        return sessions;
    }
}
