using Microsoft.Extensions.Time.Testing;

namespace ScreenPopup.Tests;

/// <summary>SPEC §2 step 7: the same (session id, trigger, agent) opens once within the window.</summary>
public sealed class DuplicateSuppressionTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    private PopupEvaluator Evaluator(Action<ScreenPopupOptions>? configure = null)
    {
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
        options.Services["SUPPORT"] = new PopupService
        {
            Script = "function popup(call) { if (call.CALL_CHANNELDATA === 'fail') throw new Error('x'); return { onRing: 'https://a.example/', onAnswer: 'https://a.example/', onDemand: 'https://a.example/' }; }",
        };
        configure?.Invoke(options);
        return PopupEvaluator.Create(options, timeProvider: _clock);
    }

    private static PopupRequest Request(PopupTrigger trigger = PopupTrigger.Ring, string session = "s-1", string lastCall = "", string agent = "mrossi", string data = "") => new()
    {
        Trigger = trigger,
        Call = new CallVariables { Service = "SUPPORT", ChannelSessionId = session, LastCallId = lastCall, ChannelData = data },
        Agent = new AgentVariables { Username = agent },
    };

    [Fact]
    public void Evaluate_SameSessionTriggerAndAgentTwice_SecondIsDuplicate()
    {
        var evaluator = Evaluator();

        evaluator.Evaluate(Request()).Action.Should().Be(PopupAction.Open);
        var second = evaluator.Evaluate(Request());

        second.Action.Should().Be(PopupAction.None);
        second.Reason.Should().Be(PopupReason.Duplicate);
        second.Url.Should().BeNull();
    }

    [Fact]
    public void Evaluate_OtherTriggerAgentOrSession_IsNotDuplicate()
    {
        var evaluator = Evaluator();
        evaluator.Evaluate(Request());

        evaluator.Evaluate(Request(PopupTrigger.Answer)).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(Request(agent: "lbianchi")).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(Request(session: "s-2")).Action.Should().Be(PopupAction.Open);
    }

    /// <summary>A call that rings several agents whose requests do not name them (no USERNAME): each agent id opens once.</summary>
    [Fact]
    public void Evaluate_AgentId_IsTheAgentOfTheKey_WhateverTheUsername()
    {
        var evaluator = Evaluator();
        PopupRequest For(string? agentId, string? username) => Request() with { AgentId = agentId, Agent = new AgentVariables { Username = username } };

        evaluator.Evaluate(For("a1", null)).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(For("a2", null)).Action.Should().Be(PopupAction.Open, "another agent rung for the same call");
        evaluator.Evaluate(For("a1", "mrossi")).Reason.Should().Be(PopupReason.Duplicate, "the agent id is the key, not the username");
        evaluator.Evaluate(For(null, "a1")).Reason.Should().Be(PopupReason.Duplicate, "a host whose agent ids are the usernames names one agent either way");
        evaluator.Evaluate(For("", "a3")).Action.Should().Be(PopupAction.Open, "an empty agent id is no id: the username is the agent");
        evaluator.Evaluate(For("", "a4")).Action.Should().Be(PopupAction.Open, "or every agent would share the empty key");
    }

    [Fact]
    public void Evaluate_Demand_IsNeverSuppressed()
    {
        var evaluator = Evaluator();

        evaluator.Evaluate(Request(PopupTrigger.Demand)).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(Request(PopupTrigger.Demand)).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public void Evaluate_WithoutSessionId_IsNeverSuppressed()
    {
        var evaluator = Evaluator();

        evaluator.Evaluate(Request(session: "")).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(Request(session: "")).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public void Evaluate_LastCallId_IsTheSessionIdWhenChannelSessionIdIsMissing()
    {
        var evaluator = Evaluator();

        evaluator.Evaluate(Request(session: "", lastCall: "c-9")).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(Request(session: "", lastCall: "c-9")).Reason.Should().Be(PopupReason.Duplicate);
    }

    [Fact]
    public void Evaluate_AfterTheWindow_OpensAgain()
    {
        var evaluator = Evaluator(o => o.DuplicateSuppression.Window = TimeSpan.FromMinutes(10));
        evaluator.Evaluate(Request());

        _clock.Advance(TimeSpan.FromMinutes(9));
        evaluator.Evaluate(Request()).Reason.Should().Be(PopupReason.Duplicate);

        _clock.Advance(TimeSpan.FromMinutes(2));
        evaluator.Evaluate(Request()).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public void Evaluate_FailedDecision_IsNotRemembered()
    {
        var evaluator = Evaluator();

        evaluator.Evaluate(Request(data: "fail")).Action.Should().Be(PopupAction.Error);
        evaluator.Evaluate(Request()).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public void Evaluate_SuppressionDisabled_OpensEveryTime()
    {
        var evaluator = Evaluator(o => o.DuplicateSuppression.Enabled = false);

        evaluator.Evaluate(Request()).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(Request()).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public void Evaluate_SharedStore_SuppressesAcrossEvaluators()
    {
        var store = new InMemoryPopupStateStore(_clock);
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
        options.Services["SUPPORT"] = new PopupService { Script = "({ onRing: 'https://a.example/' })" };
        var first = PopupEvaluator.Create(options, stateStore: store);
        var second = PopupEvaluator.Create(options, stateStore: store);

        first.Evaluate(Request()).Action.Should().Be(PopupAction.Open);
        second.Evaluate(Request()).Reason.Should().Be(PopupReason.Duplicate);
    }
}
