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
        var (_, page) = streams.Use("mrossi", stream => stream.Connect(null, streams.Now, streams.StaleAfter)!.Value);

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

    private static List<string> Sessions(Channel<AgentEvent> page)
    {
        var sessions = new List<string>();
        while (page.Reader.TryRead(out var item))
        {
            sessions.Add(System.Text.Json.Nodes.JsonNode.Parse(item.Json)!["interaction"]!["session"]!.GetValue<string>());
        }

        return sessions;
    }

    /// <summary>An evaluator that holds the decision of one session until released.</summary>
    private sealed class GatedEvaluator(string heldSession) : IPopupEvaluator
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public PopupDecision Evaluate(PopupRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("the endpoints evaluate asynchronously");

        public async ValueTask<PopupDecision> EvaluateAsync(PopupRequest request, CancellationToken cancellationToken = default)
        {
            if (request.Call.ChannelSessionId == heldSession)
            {
                Entered.SetResult();
                await Release.Task;
            }

            return new PopupDecision
            {
                Trigger = request.Trigger, Action = PopupAction.Open, Url = "https://crm.example/?s=" + request.Call.ChannelSessionId,
                WebClient = new WebClientPresentation { Target = WebClientTarget.Iframe, Focus = false },
            };
        }
    }
}
