namespace ScreenPopup.Tests;

public sealed class PopupEvaluatorTests
{
    [Fact]
    public void Evaluate_ReferenceScriptOnAnswer_OpensEncodedUrlInNamedTab()
    {
        var evaluator = TestEvaluators.ForScript(TestEvaluators.ReferenceScript, s => s.ClientTarget = TvoxClientTarget.WebView);

        var decision = evaluator.Evaluate(TestEvaluators.Request(PopupTrigger.Answer));

        decision.Action.Should().Be(PopupAction.Open);
        decision.Reason.Should().BeNull();
        decision.Url.Should().Be("https://crm.example/contact?cli=%2B390212345678&op=mrossi");
        decision.WebClient.Should().Be(new WebClientPresentation { Target = WebClientTarget.NamedTab, TabName = "crm", Focus = true });
        decision.TvoxClient.Should().Be(new TvoxClientPresentation { Target = TvoxClientTarget.WebView });
        decision.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_NamedTabAlreadyOpen_LoadsInBackground()
    {
        var evaluator = TestEvaluators.ForScript(TestEvaluators.ReferenceScript);

        var decision = evaluator.Evaluate(TestEvaluators.Request(openTabs: ["crm"]));

        decision.WebClient!.Focus.Should().BeFalse();
        decision.WebClient.Target.Should().Be(WebClientTarget.NamedTab);
    }

    [Fact]
    public void Evaluate_NewTabWithoutName_TakesFocus()
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'https://crm.example/', webClientOpenNewTab: true })");

        evaluator.Evaluate(TestEvaluators.Request()).WebClient.Should().Be(new WebClientPresentation { Target = WebClientTarget.NewTab, Focus = true });
    }

    [Fact]
    public void Evaluate_TabNameWithoutNewTab_OpensIframeAndWarns()
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'https://crm.example/', webClientTabName: 'crm' })");

        var decision = evaluator.Evaluate(TestEvaluators.Request());

        decision.WebClient.Should().Be(new WebClientPresentation { Target = WebClientTarget.Iframe, Focus = false });
        decision.Diagnostics.Should().ContainSingle(d => d.Code == PopupDiagnosticCodes.TabNameIgnored && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Evaluate_TriggerWithoutUrl_IsNoneNoUrl()
    {
        var evaluator = TestEvaluators.ForScript(TestEvaluators.ReferenceScript);

        var decision = evaluator.Evaluate(TestEvaluators.Request(PopupTrigger.Hangup));

        decision.Action.Should().Be(PopupAction.None);
        decision.Reason.Should().Be(PopupReason.NoUrl);
        decision.Url.Should().BeNull();
        decision.WebClient.Should().BeNull();
    }

    [Fact]
    public void Evaluate_UnknownServiceWithDefault_UsesDefaultService()
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'https://crm.example/' })", configure: o => o.DefaultService = TestEvaluators.Service);

        evaluator.Evaluate(TestEvaluators.Request(service: "OTHER")).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public void Evaluate_ServiceCodeInOtherCase_FindsService()
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'https://crm.example/' })");

        evaluator.Evaluate(TestEvaluators.Request(service: "support")).Action.Should().Be(PopupAction.Open);
    }

    public static TheoryData<string[], PopupChannel, string, bool> ChannelCases => new()
    {
        { [], PopupChannel.Whatsapp, "", true },
        { ["phone"], PopupChannel.Phone, "", true },
        { ["phone"], PopupChannel.Video, "", false },
        { ["WebChat"], PopupChannel.Webchat, "", true },
        { ["custom"], PopupChannel.Custom, "telegram", true },
        { ["custom:telegram"], PopupChannel.Custom, "telegram", true },
        { ["custom:telegram"], PopupChannel.Custom, "TELEGRAM", true },
        { ["custom:telegram"], PopupChannel.Custom, "line", false },
        { ["custom:telegram"], PopupChannel.Phone, "telegram", false },
    };

    [Theory]
    [MemberData(nameof(ChannelCases))]
    public void Evaluate_ChannelRules_FilterAsConfigured(string[] channels, PopupChannel channel, string channelId, bool pops)
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'https://crm.example/' })", s => s.Channels = channels);
        var request = TestEvaluators.Request(channel: channel) with { Call = new CallVariables { Service = TestEvaluators.Service, ChannelId = channelId } };

        var decision = evaluator.Evaluate(request);

        decision.Action.Should().Be(pops ? PopupAction.Open : PopupAction.None);
        if (!pops)
        {
            decision.Reason.Should().Be(PopupReason.ChannelDisabled);
        }
    }

    [Theory]
    [InlineData("inbound", true)]
    [InlineData("INBOUND", true)]
    [InlineData("consult", false)]
    [InlineData("", false)]
    public void Evaluate_CallTypes_PopOnlyListedTypes(string callType, bool pops)
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'https://crm.example/' })", s => s.CallTypes = ["inbound"]);
        var request = TestEvaluators.Request() with { Call = new CallVariables { Service = TestEvaluators.Service, CallType = callType } };

        var decision = evaluator.Evaluate(request);

        decision.Reason.Should().Be(pops ? null : PopupReason.CallTypeDisabled);
    }

    [Theory]
    [InlineData(PopupTrigger.Ring, false)]
    [InlineData(PopupTrigger.Answer, false)]
    [InlineData(PopupTrigger.Hangup, false)]
    [InlineData(PopupTrigger.Demand, true)]
    public void Evaluate_Responder_PopsOnlyOnDemand(PopupTrigger trigger, bool pops)
    {
        var evaluator = TestEvaluators.ForScript("({ onRing: 'https://a.example/', onAnswer: 'https://a.example/', onHangup: 'https://a.example/', onDemand: 'https://a.example/' })");

        var decision = evaluator.Evaluate(TestEvaluators.Request(trigger, role: PopupRole.Responder));

        decision.Reason.Should().Be(pops ? null : PopupReason.TriggerNotAllowed);
    }

    [Fact]
    public void Evaluate_FiltersInSpecOrder_ReportsFirstFailingRule()
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'https://crm.example/' })", s =>
        {
            s.Enabled = false;
            s.Channels = ["video"];
        });

        evaluator.Evaluate(TestEvaluators.Request(role: PopupRole.Responder)).Reason.Should().Be(PopupReason.ServiceDisabled);
    }

    [Fact]
    public void Evaluate_FilteredRequest_DoesNotRunScript()
    {
        var evaluator = TestEvaluators.ForScript("throw new Error('must not run')", s => s.Enabled = false);

        evaluator.Evaluate(TestEvaluators.Request()).Reason.Should().Be(PopupReason.ServiceDisabled);
    }

    [Fact]
    public void Evaluate_CallVariables_AreBoundAsGlobalsAndCallObject()
    {
        const string script = """
            function popup(call) {
              var names = ['CALL_SERVIZIO','CALL_CLI','CALL_DNIS','CALL_SKILLSET','CALL_TIPOCHIAMATA','CALL_IDLASTCALL','CALL_SITOORIGINE',
                           'CALL_SITODISTRIBUZIONE','CALL_CHANNELID','CALL_CHANNELSESSIONID','CALL_CHANNELDATA','CALL_CHANNELDESCRIPTION'];
              var parts = names.map(function (n) { return n + '=' + globalThis[n] + (globalThis[n] === call[n] ? '' : '!'); });
              parts.push('info=' + CALL_POPUPINFO.join('|') + ':' + Array.isArray(call.CALL_POPUPINFO));
              return { onAnswer: 'https://crm.example/?' + encodeURIComponent(parts.join(';')) };
            }
            """;
        var evaluator = TestEvaluators.ForScript(script);
        var call = new CallVariables
        {
            Service = "SUPPORT", Cli = "1", Dnis = "2", Skillset = "3", CallType = "inbound", LastCallId = "5", OriginSite = "6",
            DistributionSite = "7", ChannelId = "8", ChannelSessionId = "9", ChannelData = "10", ChannelDescription = "11", PopupInfo = ["a", "b"],
        };

        var decision = evaluator.Evaluate(TestEvaluators.Request() with { Call = call });

        Uri.UnescapeDataString(decision.Url!).Should().Be(
            "https://crm.example/?CALL_SERVIZIO=SUPPORT;CALL_CLI=1;CALL_DNIS=2;CALL_SKILLSET=3;CALL_TIPOCHIAMATA=inbound;CALL_IDLASTCALL=5;" +
            "CALL_SITOORIGINE=6;CALL_SITODISTRIBUZIONE=7;CALL_CHANNELID=8;CALL_CHANNELSESSIONID=9;CALL_CHANNELDATA=10;CALL_CHANNELDESCRIPTION=11;info=a|b:true");
    }

    [Fact]
    public void Evaluate_MissingCallVariables_AreEmptyStringsAndEmptyArray()
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'https://crm.example/?d=' + (CALL_DNIS === '' && CALL_POPUPINFO.length === 0) })");

        evaluator.Evaluate(TestEvaluators.Request()).Url.Should().Be("https://crm.example/?d=true");
    }

    [Fact]
    public void Evaluate_ScriptWritesToCallVariables_ValuesStayReadOnlyAndPopupInfoIsItsOwn()
    {
        const string script = """
            function popup(call) {
              CALL_CLI = 'changed'; call.CALL_CLI = 'changed'; call.extra = 1; CALL_POPUPINFO.push('x'); 
              return { onAnswer: 'https://crm.example/?' + [CALL_CLI, call.CALL_CLI, call.extra, Object.isFrozen(CALL_POPUPINFO), Object.isFrozen(call)].join(',') };
            }
            """;
        var evaluator = TestEvaluators.ForScript(script);

        var decision = evaluator.Evaluate(TestEvaluators.Request(cli: "123"));

        decision.Url.Should().Be("https://crm.example/?123,123,,false,true", "the call variables and the call object are read-only; CALL_POPUPINFO is this evaluation's own array");
        evaluator.Evaluate(TestEvaluators.Request(cli: "456")).Url.Should().Be("https://crm.example/?456,456,,false,true", "the next evaluation has a new array");
    }

    [Fact]
    public void Evaluate_SloppyWritesToCallVariables_AreIgnored()
    {
        const string script = """
            function popup(call) {
              CALL_CLI = 'changed'; call.CALL_CLI = 'changed'; call.extra = 1;
              return { onAnswer: 'https://crm.example/?' + [CALL_CLI, call.CALL_CLI, call.extra, Object.isFrozen(CALL_POPUPINFO), Object.isFrozen(call)].join(',') };
            }
            """;
        var evaluator = TestEvaluators.ForScript(script);

        evaluator.Evaluate(TestEvaluators.Request(cli: "123")).Url.Should().Be("https://crm.example/?123,123,,false,true");
    }

    [Fact]
    public void Evaluate_HostileCallerNumber_IsDataNotCode()
    {
        var evaluator = TestEvaluators.ForScript(TestEvaluators.ReferenceScript);
        const string hostile = "'); throw new Error('pwned'); ('";

        var decision = evaluator.Evaluate(TestEvaluators.Request(cli: hostile));

        decision.Action.Should().Be(PopupAction.Open);
        decision.Url.Should().Be("https://crm.example/contact?cli=%27)%3B%20throw%20new%20Error(%27pwned%27)%3B%20(%27&op=mrossi", "encodeURIComponent keeps ', which a browser encodes in a query");
    }

    [Fact]
    public void Evaluate_PendingPlaceholders_AreListedAndKept()
    {
        var evaluator = TestEvaluators.ForScript(TestEvaluators.ReferenceScript);

        var decision = evaluator.Evaluate(TestEvaluators.Request(PopupTrigger.Demand));

        decision.Action.Should().Be(PopupAction.Open);
        decision.Url.Should().Be("https://crm.example/contact/search?token={$ACCESS_TOKEN}");
        decision.PendingPlaceholders.Should().Equal("ACCESS_TOKEN");
    }

    [Fact]
    public void Evaluate_BoundSecret_IsInUrlButNotInToString()
    {
        var evaluator = TestEvaluators.ForScript(TestEvaluators.ReferenceScript);

        var decision = evaluator.Evaluate(TestEvaluators.Request(PopupTrigger.Demand, agent: new AgentVariables { Username = "mrossi", AccessToken = "tok/en+42" }));

        decision.Url.Should().Be("https://crm.example/contact/search?token=tok%2Fen%2B42");
        decision.PendingPlaceholders.Should().BeEmpty();
        decision.ToString().Should().NotContain("tok").And.Contain("Url = ***");
    }

    [Fact]
    public void Evaluate_SecretOverPlainHttp_IsInsecureSecret()
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'http://crm.example/?t={$ACCESS_TOKEN}' })");

        var decision = evaluator.Evaluate(TestEvaluators.Request(agent: new AgentVariables { AccessToken = "secret-token" }));

        decision.Reason.Should().Be(PopupReason.InsecureSecret);
        decision.Message.Should().Contain("ACCESS_TOKEN").And.NotContain("secret-token");
        decision.Url.Should().BeNull();
    }

    [Fact]
    public void Evaluate_SecretOverHttpWhenAllowed_Opens()
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'http://crm.example/?t={$ACCESS_TOKEN}' })", configure: o => o.AllowSecretsOverHttp = true);

        evaluator.Evaluate(TestEvaluators.Request(agent: new AgentVariables { AccessToken = "t" })).Url.Should().Be("http://crm.example/?t=t");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("ftp://files.example/")]
    [InlineData("/relative/path")]
    [InlineData("crm.example/contact")]
    [InlineData("https://crm.example/\u0000")]
    [InlineData("https://crm.example/\r\nSet-Cookie: x")]
    [InlineData("https://crm.example/\u202Egnp.exe")]
    [InlineData("https:///no-host")]
    public void Evaluate_UnacceptableUrl_IsInvalidUrl(string url)
    {
        var evaluator = TestEvaluators.ForScript("function popup(call) { return { onAnswer: call.CALL_CLI }; }");

        var decision = evaluator.Evaluate(TestEvaluators.Request(cli: url));

        decision.Action.Should().Be(PopupAction.Error);
        decision.Reason.Should().Be(PopupReason.InvalidUrl);
    }

    [Fact]
    public void Evaluate_UrlLongerThan8KiB_IsInvalidUrl()
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'https://crm.example/?q=' + 'x'.repeat(8200) })");

        var decision = evaluator.Evaluate(TestEvaluators.Request());

        decision.Reason.Should().Be(PopupReason.InvalidUrl);
        decision.Message.Should().Contain("8192 bytes");
    }

    [Fact]
    public void Evaluate_SchemeNotInAllowedList_IsInvalidUrl()
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'http://crm.example/' })", configure: o => o.AllowedSchemes = ["https"]);

        evaluator.Evaluate(TestEvaluators.Request()).Reason.Should().Be(PopupReason.InvalidUrl);
    }

    [Fact]
    public void Evaluate_CustomSchemeInAllowedList_Opens()
    {
        var evaluator = TestEvaluators.ForScript("({ onAnswer: 'crm-app://contact/42' })", configure: o => o.AllowedSchemes = ["https", "crm-app"]);

        evaluator.Evaluate(TestEvaluators.Request()).Url.Should().Be("crm-app://contact/42");
    }

    [Fact]
    public void Evaluate_CancelledToken_ThrowsOperationCanceled()
    {
        var evaluator = TestEvaluators.ForScript("function popup() { while (true) {} }", configure: o => o.Sandbox.MaxStatements = int.MaxValue);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        evaluator.Invoking(e => e.Evaluate(TestEvaluators.Request(), cancellation.Token)).Should().Throw<OperationCanceledException>();
    }

    private const string RecursionCaughtByTheScript = """
        function depth(n) { return depth(n + 1); }
        function popup() {
          try { depth(0); } catch (e) { return { onAnswer: 'https://crm.example/?caught=' + e.name }; }
        }
        """;

    [Fact]
    public void Evaluate_RunawayRecursionUnderTheDefaultLimits_IsARangeErrorTheScriptCanCatch()
    {
        var decision = TestEvaluators.ForScript(RecursionCaughtByTheScript).Evaluate(TestEvaluators.Request());

        decision.Url.Should().Be("https://crm.example/?caught=RangeError");
    }

    [Fact]
    public void Evaluate_RecursionPastACountedMaxRecursion_IsALimitTheScriptCannotCatch()
    {
        var evaluator = TestEvaluators.ForScript(RecursionCaughtByTheScript, configure: o => o.Sandbox.MaxRecursion = 16);

        var decision = evaluator.Evaluate(TestEvaluators.Request());

        decision.Reason.Should().Be(PopupReason.ScriptLimit);
        decision.Message.Should().StartWith("the script nested calls deeper than 16 (Sandbox.MaxRecursion)");
    }

    [Fact]
    public void Evaluate_RecursionWithinACountedMaxRecursion_Opens()
    {
        var evaluator = TestEvaluators.ForScript(
            "function depth(n) { return n === 0 ? 'done' : depth(n - 1); } function popup() { return { onAnswer: 'https://crm.example/?' + depth(15) }; }",
            configure: o => o.Sandbox.MaxRecursion = 16);

        evaluator.Evaluate(TestEvaluators.Request()).Url.Should().Be("https://crm.example/?done");
    }

    [Fact]
    public void Evaluate_NullRequest_Throws()
    {
        var evaluator = TestEvaluators.ForScript("({})");

        evaluator.Invoking(e => e.Evaluate(null!)).Should().ThrowExactly<ArgumentNullException>();
    }

    [Fact]
    public void Create_ChangesToOptionsAfterCreate_DoNotAffectEvaluator()
    {
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
        options.Services["SUPPORT"] = new PopupService { Script = "({ onAnswer: 'https://crm.example/' })" };
        var evaluator = PopupEvaluator.Create(options);

        options.Services["SUPPORT"].Enabled = false;
        options.AllowedSchemes.Clear();

        evaluator.Evaluate(TestEvaluators.Request()).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public void Evaluate_UnpairedSurrogateConcatenatedRaw_IsInvalidUrl()
    {
        var evaluator = TestEvaluators.ForScript("function popup(call) { return { onAnswer: 'https://crm.example/?cli=' + call.CALL_CLI }; }");

        var decision = evaluator.Evaluate(TestEvaluators.Request(cli: "a\uD800b"));

        decision.Reason.Should().Be(PopupReason.InvalidUrl);
        decision.Message.Should().Contain("unpaired UTF-16 surrogate at character 27");
    }

    [Fact]
    public void Evaluate_UnpairedSurrogateEncoded_IsTheScriptsUriError()
    {
        var evaluator = TestEvaluators.ForScript("function popup(call) { return { onAnswer: 'https://crm.example/?cli=' + encodeURIComponent(call.CALL_CLI) }; }");

        evaluator.Evaluate(TestEvaluators.Request(cli: "a\uDC00b")).Reason.Should().Be(PopupReason.ScriptRuntime);
    }

    [Fact]
    public void Evaluate_PairedSurrogates_PassIntact()
    {
        var evaluator = TestEvaluators.ForScript("function popup(call) { return { onAnswer: 'https://crm.example/?cli=' + encodeURIComponent(call.CALL_CLI) }; }");

        evaluator.Evaluate(TestEvaluators.Request(cli: "😀")).Url.Should().Be("https://crm.example/?cli=%F0%9F%98%80");
    }
}
