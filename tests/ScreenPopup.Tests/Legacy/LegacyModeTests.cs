using System.Text.Json.Nodes;

namespace ScreenPopup.Tests;

/// <summary>The evaluator's legacyBat mode: runBatch decisions with TVox's environment, after the value policy.</summary>
public sealed class LegacyModeTests
{
    private static PopupEvaluator Evaluator(Action<ScreenPopupOptions>? configure = null)
    {
        var options = new ScreenPopupOptions();
        options.Services["OLDDESK"] = new PopupService { Mode = PopupMode.LegacyBat, BatchFile = @"C:\tvox\winpopup.bat", Channels = ["phone"] };
        configure?.Invoke(options);
        return PopupEvaluator.Create(options);
    }

    private static PopupRequest Request(PopupTrigger trigger = PopupTrigger.Ring, CallVariables? call = null, AgentVariables? agent = null) => new()
    {
        Trigger = trigger,
        Call = call ?? new CallVariables
        {
            Service = "OLDDESK", Cli = "+39 02 1234 5678", Dnis = "800100", CallType = "inbound", LastCallId = "c-77", Skillset = "billing",
            OriginSite = "ROMA", DistributionSite = "MILANO", PopupInfo = ["ticket 42|priority high|"],
        },
        Agent = agent ?? new AgentVariables { Username = "mrossi", Pin = "1234" },
    };

    [Fact]
    public void Evaluate_LegacyService_RunsBatchWithTVoxEnvironment()
    {
        var decision = Evaluator().Evaluate(Request());

        decision.Action.Should().Be(PopupAction.RunBatch);
        decision.Url.Should().BeNull();
        decision.Batch!.File.Should().Be(@"C:\tvox\winpopup.bat");
        decision.Batch.Environment.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["PIN"] = "1234", ["USERNAME"] = "mrossi", ["IDCALL"] = "c-77", ["CALLTYPE"] = "I", ["SKILLSET"] = "billing", ["SERVICE"] = "OLDDESK",
            ["CLI"] = "+39 02 1234 5678", ["DNIS"] = "800100", ["RECEIVING_SITE"] = "ROMA", ["DISTRIBUTION_SITE"] = "MILANO", ["EVENT"] = "ring",
            ["POPUPINFO_1"] = "ticket 42", ["POPUPINFO_2"] = "priority high", ["POPUPINFO_3"] = "UNK",
        });
        decision.Diagnostics.Should().BeEmpty();
    }

    [Theory]
    [InlineData(PopupTrigger.Answer, "answer")]
    [InlineData(PopupTrigger.Hangup, "hangup")]
    [InlineData(PopupTrigger.Demand, "UNK")]
    public void Evaluate_Event_NamesTheTrigger(PopupTrigger trigger, string expected)
    {
        Evaluator().Evaluate(Request(trigger)).Batch!.Environment["EVENT"].Should().Be(expected);
    }

    [Theory]
    [InlineData("outbound", "O")]
    [InlineData("O", "O")]
    [InlineData("Inbound", "I")]
    [InlineData("consult", "UNK")]
    [InlineData("", "UNK")]
    public void Evaluate_CallType_IsTVoxLetter(string callType, string expected)
    {
        var call = new CallVariables { Service = "OLDDESK", CallType = callType };

        Evaluator().Evaluate(Request(call: call)).Batch!.Environment["CALLTYPE"].Should().Be(expected);
    }

    [Fact]
    public void Evaluate_MissingValues_AreUnk()
    {
        var decision = Evaluator().Evaluate(Request(call: new CallVariables { Service = "OLDDESK", ChannelSessionId = "s-5" }, agent: new AgentVariables()));

        var environment = decision.Batch!.Environment;
        environment["PIN"].Should().Be("UNK");
        environment["USERNAME"].Should().Be("UNK");
        environment["CLI"].Should().Be("UNK");
        environment["IDCALL"].Should().Be("s-5", "the channel session id stands in for a missing CALL_IDLASTCALL");
        environment.Keys.Should().NotContain(k => k.StartsWith("POPUPINFO_", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_SeveralPopupInfoItems_AreNumberedInOrder()
    {
        var call = new CallVariables { Service = "OLDDESK", PopupInfo = ["a", "b|c"] };

        var environment = Evaluator().Evaluate(Request(call: call)).Batch!.Environment;

        environment["POPUPINFO_1"].Should().Be("a");
        environment["POPUPINFO_2"].Should().Be("b|c".Replace("|", "%7C", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_HostileValues_AreNeutralisedWithDiagnostics()
    {
        var call = new CallVariables { Service = "OLDDESK", Cli = "1\" & echo PWNED > pwned.txt & rem \"\r\n!x! %PATH% ^ | < ( )" };

        var decision = Evaluator().Evaluate(Request(call: call));

        decision.Batch!.Environment["CLI"].Should().Be("1%22 %26 echo PWNED %3E pwned.txt %26 rem %22%21x%21 %25PATH%25 %5E %7C %3C %28 %29");
        decision.Diagnostics.Should().ContainSingle(d => d.Code == PopupDiagnosticCodes.LegacyValueChanged)
            .Which.Message.Should().Contain("CLI").And.Contain("percentEncode").And.NotContain("PWNED");
    }

    [Fact]
    public void Evaluate_RemovePolicy_DropsMetacharacters()
    {
        var call = new CallVariables { Service = "OLDDESK", Cli = "1\" & echo x" };

        Evaluator(o => o.Legacy.ValuePolicy = LegacyValuePolicy.Remove).Evaluate(Request(call: call)).Batch!.Environment["CLI"].Should().Be("1  echo x");
    }

    [Fact]
    public void Evaluate_UnsafeRawPolicy_PassesValuesAsReceived()
    {
        var call = new CallVariables { Service = "OLDDESK", Cli = "1\" & echo x" };

        var decision = Evaluator(o => o.Legacy.ValuePolicy = LegacyValuePolicy.UnsafeRawValues).Evaluate(Request(call: call));

        decision.Batch!.Environment["CLI"].Should().Be("1\" & echo x");
        decision.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_LongValue_IsCutWithDiagnostic()
    {
        var call = new CallVariables { Service = "OLDDESK", Cli = new string('7', 50) };

        var decision = Evaluator(o => o.Legacy.MaxValueLength = 20).Evaluate(Request(call: call));

        decision.Batch!.Environment["CLI"].Should().Be(new string('7', 20));
        decision.Diagnostics.Single().Message.Should().Contain("cut to 20 characters");
    }

    [Fact]
    public void Evaluate_LegacyFilters_StillApply()
    {
        Evaluator().Evaluate(Request() with { Channel = PopupChannel.Webchat }).Reason.Should().Be(PopupReason.ChannelDisabled);
    }

    [Fact]
    public void Evaluate_SameInteractionTwice_SecondBatchIsDuplicate()
    {
        var evaluator = Evaluator();

        evaluator.Evaluate(Request()).Action.Should().Be(PopupAction.RunBatch);
        evaluator.Evaluate(Request()).Reason.Should().Be(PopupReason.Duplicate);
    }

    [Fact]
    public void Serialize_RunBatchDecision_MasksPinButBatchKeepsIt()
    {
        var decision = Evaluator().Evaluate(Request());

        var json = JsonNode.Parse(PopupJson.Serialize(decision))!;

        json["action"]!.GetValue<string>().Should().Be("runBatch");
        json["batch"]!["file"]!.GetValue<string>().Should().Be(@"C:\tvox\winpopup.bat");
        json["batch"]!["environment"]!["PIN"]!.GetValue<string>().Should().Be("***");
        json["batch"]!["environment"]!["CLI"]!.GetValue<string>().Should().Be("+39 02 1234 5678");
        json.ToJsonString().Should().NotContain("1234\"");
        decision.Batch!.Environment["PIN"].Should().Be("1234");
        decision.ToString().Should().Contain("PIN = ***").And.NotContain("PIN = 1234");
        PopupJson.DeserializeDecision(json.ToJsonString()).Batch!.Environment["PIN"].Should().Be("***");
    }

    [Fact]
    public void Create_LegacyServiceProblems_AreReportedTogether()
    {
        var options = new ScreenPopupOptions();
        options.Services["NOFILE"] = new PopupService { Mode = PopupMode.LegacyBat };
        options.Services["SCRIPT"] = new PopupService { Mode = PopupMode.LegacyBat, BatchFile = "a.bat", Script = "({})" };
        options.Services["UNSAFE"] = new PopupService { Mode = PopupMode.LegacyBat, BatchFile = @"C:\a&b\popup.bat" };
        options.Legacy.MaxValueLength = 0;

        var act = () => PopupEvaluator.Create(options);

        var errors = act.Should().ThrowExactly<ScreenPopupConfigurationException>().Which.Errors;
        errors.Should().HaveCount(4);
        errors.Should().ContainMatch("ScreenPopup:Services:NOFILE:BatchFile: a legacyBat service needs the path*");
        errors.Should().ContainMatch("ScreenPopup:Services:SCRIPT: a legacyBat service runs its BatchFile*");
        errors.Should().ContainMatch("ScreenPopup:Services:UNSAFE:BatchFile: the path holds '&'*");
        errors.Should().ContainMatch("ScreenPopup:Legacy:MaxValueLength: must be positive");
    }

    [Fact]
    public void Create_RelativeBatchFile_IsResolvedAgainstBaseDirectory()
    {
        var options = new ScreenPopupOptions { ScriptBaseDirectory = "/srv/popups" };
        options.Services["OLDDESK"] = new PopupService { Mode = PopupMode.LegacyBat, BatchFile = "bat/winpopup.bat" };

        PopupEvaluator.Create(options).Evaluate(Request()).Batch!.File.Should().Be(Path.GetFullPath("bat/winpopup.bat", "/srv/popups"));
    }
}
