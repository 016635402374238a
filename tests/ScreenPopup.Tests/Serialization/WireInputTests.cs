using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace ScreenPopup.Tests;

/// <summary>Every wire input becomes a decision or a clear error: arbitrary JSON and arbitrary mutations of a valid request.</summary>
public sealed class WireInputTests
{
    private static readonly PopupEvaluator Evaluator = TestEvaluators.ForScript(TestEvaluators.ReferenceScript);

    private const string Valid = """
        { "trigger": "answer", "role": "agent", "channel": "chat",
          "call": { "CALL_SERVIZIO": "SUPPORT", "CALL_CLI": "+390212345678", "CALL_CHANNELSESSIONID": "s-1", "CALL_POPUPINFO": ["a", "b"] },
          "agent": { "USERNAME": "mrossi", "ACCESS_TOKEN": "tok" }, "openTabs": ["crm"] }
        """;

    /// <summary>Values a mutation puts somewhere in the request.</summary>
    private static readonly string[] Values =
    [
        "7", "-1", "0", "1e400", "\"7\"", "\"\"", "\"ring\"", "\"RING\"", "\"hangup\"", "\"namedTab\"", "null", "true", "[]", "[7]", "{}", "{\"a\":1}",
        "\"x\"", "2147483648", "1.5", "\"ring,answer\"", "\"demand\"", "\"supervisor\"", "\"custom\"",
    ];

    private static readonly string[] Paths =
    [
        "trigger", "role", "channel", "call", "agent", "openTabs", "call.CALL_CLI", "call.CALL_POPUPINFO", "call.CALL_SERVIZIO", "agent.USERNAME",
        "agent.ACCESS_TOKEN", "agent.PIN", "openTabs.0", "call.CALL_POPUPINFO.1", "extra",
    ];

    [Fact]
    public void EveryMutationOfAValidRequest_IsADecisionOrAPopupJsonException()
    {
        var mutations = Gen.Zip(Gen.Elements(Paths), Gen.Elements(Values)).ArrayOf().Select(Mutate);
        Prop.ForAll(mutations.ToArbitrary(), DecidesOrRefuses).Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));
    }

    [Fact]
    public void EverySingleMutation_IsADecisionOrAPopupJsonException()
    {
        var failures = (from path in Paths from value in Values select Mutate([(path, value)])).Where(json => !DecidesOrRefuses(json)).ToList();

        failures.Should().BeEmpty();
    }

    [Fact]
    public void ArbitraryText_IsADecisionOrAPopupJsonException()
    {
        Prop.ForAll<string>(text => DecidesOrRefuses(text ?? "")).Check(Config.QuickThrowOnFailure.WithMaxTest(1_000));
    }

    [Theory]
    [InlineData(7, 0, 0, "PopupRequest.Trigger is 7, which PopupTrigger does not define; use one of ring, answer, hangup, demand.")]
    [InlineData(0, 9, 0, "PopupRequest.Role is 9")]
    [InlineData(0, 0, -1, "PopupRequest.Channel is -1")]
    public void Evaluate_UndefinedEnumInARequestBuiltInCode_IsAnArgumentExceptionNamingTheMember(int trigger, int role, int channel, string message)
    {
        var request = TestEvaluators.Request() with { Trigger = (PopupTrigger)trigger, Role = (PopupRole)role, Channel = (PopupChannel)channel };

        var act = () => Evaluator.Evaluate(request);

        act.Should().ThrowExactly<ArgumentException>().Which.Message.Should().StartWith(message);
    }

    /// <summary>Parses and evaluates: true when that gives a decision or a <see cref="PopupJsonException"/>, false for anything else.</summary>
    private static bool DecidesOrRefuses(string json)
    {
        PopupRequest request;
        try
        {
            request = PopupJson.DeserializeRequest(json);
        }
        catch (PopupJsonException)
        {
            return true;
        }

        return Evaluator.Evaluate(request) is { } decision && Enum.IsDefined(decision.Action);
    }

    private static string Mutate((string Path, string Value)[] mutations)
    {
        var root = JsonNode.Parse(Valid)!;
        foreach (var (path, value) in mutations)
        {
            var parts = path.Split('.');
            var parent = parts[..^1].Aggregate((JsonNode?)root, (node, part) => node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                _ => null,
            });
            var replacement = JsonNode.Parse(value);
            switch (parent)
            {
                case JsonObject o:
                    o[parts[^1]] = replacement;
                    break;
                case JsonArray a when int.TryParse(parts[^1], out var i) && i < a.Count:
                    a[i] = replacement;
                    break;
            }
        }

        return root.ToJsonString();
    }
}
