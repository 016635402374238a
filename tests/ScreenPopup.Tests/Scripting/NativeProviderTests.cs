namespace ScreenPopup.Tests;

/// <summary>A service's popup logic in C#, through the same pipeline as scripts.</summary>
public sealed class NativeProviderTests
{
    private sealed class CrmProvider : IPopupProvider
    {
        public PopupDefinition? GetPopup(CallVariables variables) => variables.ChannelData switch
        {
            "throw" => throw new InvalidOperationException("no CRM for " + variables.Cli),
            "none" => null,
            _ => new PopupDefinition
            {
                OnAnswer = "https://crm.example/contact?cli=" + variables.Cli + "&op={$USERNAME}",
                OnRing = "",
                WebClientOpenNewTab = true,
                WebClientTabName = "crm",
            },
        };
    }

    private static PopupEvaluator Evaluator(Action<ScreenPopupOptions>? configure = null)
    {
        var options = new ScreenPopupOptions();
        options.Services["SUPPORT"] = new PopupService { Provider = new CrmProvider(), ClientTarget = TvoxClientTarget.WebView };
        configure?.Invoke(options);
        return PopupEvaluator.Create(options);
    }

    private static PopupRequest Request(string cli = "0212345678", string data = "", PopupTrigger trigger = PopupTrigger.Answer) => new()
    {
        Trigger = trigger,
        Call = new CallVariables { Service = "SUPPORT", Cli = cli, ChannelData = data, ChannelSessionId = Guid.NewGuid().ToString() },
        Agent = new AgentVariables { Username = "mrossi", AccessToken = "t0k3n" },
    };

    [Fact]
    public void Evaluate_Provider_GoesThroughPlaceholdersUrlCheckAndPresentation()
    {
        var decision = Evaluator().Evaluate(Request());

        decision.Action.Should().Be(PopupAction.Open);
        decision.Url.Should().Be("https://crm.example/contact?cli=0212345678&op=mrossi");
        decision.WebClient.Should().Be(new WebClientPresentation { Target = WebClientTarget.NamedTab, TabName = "crm", Focus = true });
        decision.TvoxClient!.Target.Should().Be(TvoxClientTarget.WebView);
    }

    [Fact]
    public void Evaluate_ProviderConcatenatingCallerPlaceholderRaw_NeverBindsTheSecret()
    {
        var decision = Evaluator().Evaluate(Request(cli: "{$ACCESS_TOKEN}"));

        decision.Url.Should().Be("https://crm.example/contact?cli=%7B%24ACCESS_TOKEN}&op=mrossi");
        decision.Url.Should().NotContain("t0k3n");
    }

    [Fact]
    public void Evaluate_ProviderThrows_IsScriptRuntimeWithTheMessage()
    {
        var decision = Evaluator().Evaluate(Request(data: "throw"));

        decision.Reason.Should().Be(PopupReason.ScriptRuntime);
        decision.Message.Should().Be("the popup provider CrmProvider threw InvalidOperationException: no CRM for 0212345678");
    }

    [Theory]
    [InlineData("none", PopupTrigger.Answer)]
    [InlineData("", PopupTrigger.Ring)]
    public void Evaluate_ProviderGivesNoUrl_IsNoUrl(string data, PopupTrigger trigger)
    {
        Evaluator().Evaluate(Request(data: data, trigger: trigger)).Reason.Should().Be(PopupReason.NoUrl);
    }

    [Fact]
    public void Evaluate_ProviderService_IsFilteredLikeAnyOther()
    {
        Evaluator(o => o.Services["SUPPORT"].Channels = ["video"]).Evaluate(Request()).Reason.Should().Be(PopupReason.ChannelDisabled);
    }

    [Fact]
    public void Create_ProviderAndScript_IsAConfigurationError()
    {
        var act = () => Evaluator(o => o.Services["SUPPORT"].Script = "({})");

        act.Should().Throw<ScreenPopupConfigurationException>().Which.Errors.Should().ContainSingle().Which.Should().Contain("both a Provider and a script");
    }
}
