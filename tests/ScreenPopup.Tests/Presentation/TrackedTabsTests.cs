namespace ScreenPopup.Tests;

/// <summary>
/// <see cref="ScreenPopupOptions.TrackOpenTabs"/>: the evaluator remembers the named tabs it opened for each agent, so the
/// next popup to the same tab reloads it in the background (no focus) even when the CTI event does not list the agent's
/// open tabs.
/// </summary>
public sealed class TrackedTabsTests
{
    private static PopupEvaluator Evaluator(string tabName, bool track = true)
    {
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox(), TrackOpenTabs = track };
        options.Services["SUPPORT"] = new PopupService { Script = $"function popup(call) {{ return {{ onRing: 'https://crm.example/', webClientOpenNewTab: true, webClientTabName: {tabName} }}; }}" };
        return PopupEvaluator.Create(options);
    }

    private static PopupRequest Ring(string session, string agent = "mrossi", string cli = "1001") => new()
    {
        Trigger = PopupTrigger.Ring,
        Call = new CallVariables { Service = "SUPPORT", ChannelSessionId = session, Cli = cli },
        Agent = new AgentVariables { Username = agent },
    };

    [Fact]
    public void SecondPopupToTheSameTab_ReloadsItWithoutFocus()
    {
        var evaluator = Evaluator("'crm'");

        evaluator.Evaluate(Ring("s-1")).WebClient!.Focus.Should().BeTrue("the tab is opened the first time");
        evaluator.Evaluate(Ring("s-2")).WebClient!.Focus.Should().BeFalse("the agent has it open");
    }

    [Fact]
    public void AnotherAgent_GetsTheTabWithFocus()
    {
        var evaluator = Evaluator("'crm'");

        evaluator.Evaluate(Ring("s-1", agent: "mrossi"));

        evaluator.Evaluate(Ring("s-2", agent: "lbianchi")).WebClient!.Focus.Should().BeTrue();
    }

    [Fact]
    public void TrackingOff_EveryPopupTakesTheFocus()
    {
        var evaluator = Evaluator("'crm'", track: false);

        evaluator.Evaluate(Ring("s-1"));

        evaluator.Evaluate(Ring("s-2")).WebClient!.Focus.Should().BeTrue("only the request's OpenTabs say what is open");
    }

    [Fact]
    public void TabNamedFromCallerDataThatLooksLikeAPlaceholder_IsTrackedAsText()
    {
        var evaluator = Evaluator("'crm-' + call.CALL_CLI");

        var first = evaluator.Evaluate(Ring("s-1", cli: "{$PASSWORD}"));
        var second = evaluator.Evaluate(Ring("s-2", cli: "{$PASSWORD}"));

        first.WebClient.Should().BeEquivalentTo(new { TabName = "crm-{$PASSWORD}", Focus = true }, "caller data stays text");
        second.WebClient.Should().BeEquivalentTo(new { TabName = "crm-{$PASSWORD}", Focus = false });
    }

    /// <summary>A C# provider's tab named from caller data that looks like a placeholder is tracked by the name the decision gives.</summary>
    [Fact]
    public void ProviderTabNamedFromCallerDataThatLooksLikeAPlaceholder_SecondPopupReloadsWithoutFocus()
    {
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox(), TrackOpenTabs = true };
        options.Services["SUPPORT"] = new PopupService { Provider = new TabPerCaller() };
        var evaluator = PopupEvaluator.Create(options);

        var first = evaluator.Evaluate(Ring("s-1", cli: "{$PASSWORD}"));
        var second = evaluator.Evaluate(Ring("s-2", cli: "{$PASSWORD}"));

        first.WebClient.Should().BeEquivalentTo(new { TabName = "crm-{$PASSWORD}", Focus = true });
        second.WebClient.Should().BeEquivalentTo(new { TabName = "crm-{$PASSWORD}", Focus = false }, "the agent has that tab open");
    }

    private sealed class TabPerCaller : IPopupProvider
    {
        public PopupDefinition? GetPopup(CallVariables variables) => new()
        {
            OnRing = "https://crm.example/",
            WebClientOpenNewTab = true,
            WebClientTabName = "crm-" + variables.Cli,
        };
    }
}
