using System.Text.Json.Nodes;

namespace ScreenPopup.Tests;

public sealed class PopupJsonTests
{
    private const string SpecRequest = """
        { "trigger": "answer", "role": "agent", "channel": "whatsapp",
          "call":  { "CALL_SERVIZIO": "SUPPORT", "CALL_CLI": "+390212345678", "CALL_POPUPINFO": ["ticket 42"],
                     "CALL_CHANNELID": "wa-main", "CALL_CHANNELSESSIONID": "s-981" },
          "agent": { "USERNAME": "mrossi", "SYSTEM_USERNAME": "MROSSI-PC\\mario", "ACCESS_TOKEN": "tok", "PIN": "1234" },
          "openTabs": ["crm"] }
        """;

    [Fact]
    public void DeserializeRequest_SpecExample_ReadsEveryField()
    {
        var request = PopupJson.DeserializeRequest(SpecRequest);

        request.Trigger.Should().Be(PopupTrigger.Answer);
        request.Role.Should().Be(PopupRole.Agent);
        request.Channel.Should().Be(PopupChannel.Whatsapp);
        request.Call.Service.Should().Be("SUPPORT");
        request.Call.Cli.Should().Be("+390212345678");
        request.Call.PopupInfo.Should().Equal("ticket 42");
        request.Call.ChannelId.Should().Be("wa-main");
        request.Call.ChannelSessionId.Should().Be("s-981");
        request.Call.Dnis.Should().BeEmpty();
        request.Agent.Should().Be(new AgentVariables { Username = "mrossi", SystemUsername = "MROSSI-PC\\mario", AccessToken = "tok", Pin = "1234" });
        request.OpenTabs.Should().Equal("crm");
    }

    [Fact]
    public void DeserializeRequest_MinimalAndNullValues_UsesDefaults()
    {
        var request = PopupJson.DeserializeRequest("""{ "trigger": "ring", "call": { "CALL_CLI": null, "CALL_POPUPINFO": null }, "agent": null, "openTabs": null }""");

        request.Role.Should().Be(PopupRole.Agent);
        request.Channel.Should().Be(PopupChannel.Phone);
        request.Call.Cli.Should().BeEmpty();
        request.Call.PopupInfo.Should().BeEmpty();
        request.Agent.Should().Be(new AgentVariables());
        request.OpenTabs.Should().BeEmpty();
    }

    [Fact]
    public void RoundTrip_Request_IsLossless()
    {
        var request = PopupJson.DeserializeRequest(SpecRequest);

        var again = PopupJson.DeserializeRequest(PopupJson.Serialize(request));

        PopupJson.Serialize(again).Should().Be(PopupJson.Serialize(request));
        again.Agent.Should().Be(request.Agent);
    }

    [Fact]
    public void Serialize_OpenDecision_MatchesSpecShape()
    {
        var decision = new PopupDecision
        {
            Trigger = PopupTrigger.Answer,
            Action = PopupAction.Open,
            Url = "https://crm.example/contact?cli=%2B390212345678&op=mrossi",
            WebClient = new WebClientPresentation { Target = WebClientTarget.NamedTab, TabName = "crm", Focus = false },
            TvoxClient = new TvoxClientPresentation { Target = TvoxClientTarget.WebView },
            Diagnostics = [new PopupDiagnostic { Severity = DiagnosticSeverity.Warning, Code = "unknownKey", Message = "m" }],
        };

        var json = JsonNode.Parse(PopupJson.Serialize(decision))!;

        var expected = JsonNode.Parse("""
            { "trigger": "answer", "action": "open", "reason": null, "message": null,
              "url": "https://crm.example/contact?cli=%2B390212345678&op=mrossi", "pendingPlaceholders": [],
              "webClient": { "target": "namedTab", "tabName": "crm", "focus": false },
              "tvoxClient": { "target": "webView" },
              "batch": null,
              "diagnostics": [ { "severity": "warning", "code": "unknownKey", "message": "m", "line": null, "column": null } ] }
            """);
        JsonNode.DeepEquals(json, expected).Should().BeTrue(json.ToJsonString());
    }

    [Fact]
    public void RoundTrip_EvaluatedDecisions_AreLossless()
    {
        var evaluator = TestEvaluators.ForScript(TestEvaluators.ReferenceScript + "\nfunction x(){}", s => s.ClientTarget = TvoxClientTarget.WebViewMultiTab);
        foreach (var trigger in Enum.GetValues<PopupTrigger>())
        {
            var decision = evaluator.Evaluate(TestEvaluators.Request(trigger));
            var json = PopupJson.Serialize(decision, indented: true);

            PopupJson.Serialize(PopupJson.DeserializeDecision(json), indented: true).Should().Be(json);
        }
    }

    [Fact]
    public void Serialize_ReasonCodes_UseWireNames()
    {
        foreach (var reason in Enum.GetValues<PopupReason>())
        {
            var json = PopupJson.Serialize(new PopupDecision { Trigger = PopupTrigger.Ring, Action = PopupAction.None, Reason = reason });
            var name = reason.ToString();

            json.Should().Contain($"\"reason\":\"{char.ToLowerInvariant(name[0])}{name[1..]}\"");
        }
    }

    [Theory]
    [InlineData("{ \"trigger\": \"ringing\" }", "$.trigger")]
    [InlineData("{ \"trigger\": \"ring\", \"call\": { \"CALL_CLI\": 42 } }", "$.call.CALL_CLI")]
    [InlineData("{ \"trigger\": \"ring\", \"call\": { \"CALL_POPUPINFO\": \"a|b\" } }", "$.call.CALL_POPUPINFO")]
    [InlineData("{ \"trigger\": \"ring\",\n \"channel\": \"fax\" }", "(line 2, column 18)")]
    [InlineData("{ \"role\": \"agent\" }", "trigger")]
    [InlineData("{ \"trigger\": ", "line 1")]
    [InlineData("null", "null")]
    [InlineData("{ \"trigger\": \"ring\", \"call\": { \"CALL_CLI\": \"a\\ud800b\" } }", "$.call.CALL_CLI")]
    [InlineData("{ \"trigger\": 7 }", "$.trigger")]
    [InlineData("{ \"trigger\": 1 }", "$.trigger")]
    [InlineData("{ \"trigger\": \"7\" }", "$.trigger")]
    [InlineData("{ \"trigger\": \"ring\", \"channel\": 42 }", "$.channel")]
    [InlineData("{ \"trigger\": \"ring\", \"role\": \"1\" }", "$.role")]
    [InlineData("{ \"trigger\": \"ring, answer\" }", "$.trigger")]
    public void DeserializeRequest_InvalidJson_ThrowsWithLocation(string json, string expectedInMessage)
    {
        var act = () => PopupJson.DeserializeRequest(json);

        act.Should().ThrowExactly<PopupJsonException>().Which.Message.Should().Contain(expectedInMessage);
    }

    [Theory]
    [InlineData("{ \"trigger\": \"ring\", \"call\": { \"CALL_CLI\": 42 } }", "$.call.CALL_CLI", "expected a string")]
    [InlineData("{ \"trigger\": \"ring\", \"call\": { \"CALL_POPUPINFO\": \"a|b\" } }", "$.call.CALL_POPUPINFO", "expected an array of strings")]
    [InlineData("{ \"trigger\": \"ring\", \"call\": { \"CALL_POPUPINFO\": [1] } }", "$.call.CALL_POPUPINFO[0]", "expected a string")]
    [InlineData("{ \"trigger\": \"ring\", \"call\": 5 }", "$.call", "expected an object")]
    [InlineData("{ \"trigger\": \"ring\", \"agent\": { \"USERNAME\": true } }", "$.agent.USERNAME", "expected a string")]
    [InlineData("{ \"trigger\": \"ring\", \"openTabs\": {} }", "$.openTabs", "expected an array of strings")]
    [InlineData("[1]", "$", "expected an object")]
    [InlineData("{ \"role\": \"agent\" }", "$", "the required member 'trigger' is missing")]
    [InlineData("{ \"trigger\": 7 }", "$.trigger", "expected one of ring, answer, hangup, demand")]
    public void DeserializeRequest_WrongType_SaysWhatTheWireFormatExpectsWithoutDotNetNames(string json, string path, string problem)
    {
        var act = () => PopupJson.DeserializeRequest(json);

        var error = act.Should().ThrowExactly<PopupJsonException>().Which;
        error.Problem.Should().Be(problem);
        error.JsonPath.Should().Be(path);
        error.Line.Should().Be(1);
        error.Column.Should().BePositive();
        error.Message.Should().Be($"The request JSON is invalid at {path} (line 1, column {error.Column}): {problem}.");
        error.Message.Should().NotContainAny("System.", "ScreenPopup.", "LineNumber", "BytePositionInLine");
    }

    [Fact]
    public void DeserializeRequest_Utf8Bytes_ReadsAndReportsAsTheStringOverload()
    {
        PopupJson.DeserializeRequest("{ \"trigger\": \"demand\" }"u8).Trigger.Should().Be(PopupTrigger.Demand);

        var act = () => PopupJson.DeserializeRequest("{ \"trigger\": \"ring\",\n \"call\": { \"CALL_CLI\": 42 } }"u8);

        act.Should().ThrowExactly<PopupJsonException>().WithMessage("The request JSON is invalid at $.call.CALL_CLI (line 2, column *): expected a string.");
    }

    /// <summary>Text a string cannot hold is named as such, not as a value of the wrong type.</summary>
    [Fact]
    public void DeserializeRequest_TextAStringCannotHold_SaysWhat()
    {
        byte[] invalidUtf8 = [.. "{ \"trigger\": \"ring\", \"call\": { \"CALL_CLI\": \"ab"u8, 0xFF, 0xFE, .. "\" } }"u8];
        var utf8 = () => PopupJson.DeserializeRequest(invalidUtf8);
        var surrogate = () => PopupJson.DeserializeRequest("{ \"trigger\": \"ring\", \"call\": { \"CALL_CLI\": \"a\\ud800b\" } }");

        var notUtf8 = utf8.Should().ThrowExactly<PopupJsonException>().Which;
        notUtf8.Problem.Should().Be("a string is not valid UTF-8; send the text as UTF-8");
        notUtf8.JsonPath.Should().Be("$.call.CALL_CLI");
        surrogate.Should().ThrowExactly<PopupJsonException>().Which.Problem.Should().Be("a string holds an unpaired surrogate escape (\\uD800 to \\uDFFF without its pair)");
    }

    [Fact]
    public void DeserializeRequest_UnknownFields_AreIgnored()
    {
        PopupJson.DeserializeRequest("""{ "trigger": "demand", "extra": { "a": 1 }, "call": { "CALL_FOO": "x" } }""").Trigger.Should().Be(PopupTrigger.Demand);
    }

    [Fact]
    public void Serialize_DecisionWithBoundSecret_KeepsSecretOnlyInUrl()
    {
        var evaluator = TestEvaluators.ForScript(TestEvaluators.ReferenceScript);
        var decision = evaluator.Evaluate(TestEvaluators.Request(PopupTrigger.Demand, agent: new AgentVariables { AccessToken = "s3cr3t" }));

        var json = JsonNode.Parse(PopupJson.Serialize(decision))!.AsObject();

        json["url"]!.GetValue<string>().Should().Contain("s3cr3t");
        json.Remove("url");
        json.ToJsonString().Should().NotContain("s3cr3t");
    }
}
