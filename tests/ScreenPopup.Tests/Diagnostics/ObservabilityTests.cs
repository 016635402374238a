using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ScreenPopup.Tests;

/// <summary>Log events and metrics: stable ids, no secrets, no full caller numbers.</summary>
public sealed class ObservabilityTests : IDisposable
{
    private const string Caller = "+390212345678";
    private const string Token = "tok-SECRET-4242";
    private const string Password = "pw-SECRET-9999";
    private readonly ServiceProvider _provider;

    public ObservabilityTests()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        services.AddMetrics();
        services.AddScreenPopup(o =>
        {
            o.Sandbox = TestEvaluators.RelaxedSandbox();
            o.Services["SUPPORT"] = new PopupService
            {
                Script = """
                    function popup(call) {
                      if (call.CALL_CHANNELDATA === 'throw') throw new Error('no customer for ' + call.CALL_CLI);
                      if (call.CALL_CHANNELDATA === 'loop') while (true) {}
                      return { onAnswer: 'https://crm.example/?cli=' + encodeURIComponent(call.CALL_CLI) + '&t={$ACCESS_TOKEN}&p={$USER_PASSWORD}' };
                    }
                    """,
            };
        });
        _provider = services.BuildServiceProvider();
    }

    public void Dispose() => _provider.Dispose();

    private IPopupEvaluator Evaluator => _provider.GetRequiredService<IPopupEvaluator>();

    private static PopupRequest Request(string data = "", string session = "s-1") => new()
    {
        Trigger = PopupTrigger.Answer,
        Channel = PopupChannel.Whatsapp,
        Call = new CallVariables { Service = "SUPPORT", Cli = Caller, ChannelData = data, ChannelSessionId = session },
        Agent = new AgentVariables { Username = "mrossi", AccessToken = Token, UserPassword = Password, Pin = "1234" },
    };

    [Fact]
    public void Logs_OfEveryKindOfDecision_CarryNoSecretAndNoFullCallerNumber()
    {
        Evaluator.Evaluate(Request()).Url.Should().Contain(Token, "the URL itself carries the token");
        Evaluator.Evaluate(Request());
        Evaluator.Evaluate(Request("throw", "s-2"));
        Evaluator.Evaluate(Request("loop", "s-3"));

        var logs = _provider.GetFakeLogCollector().GetSnapshot();

        logs.Select(r => r.Id.Id).Should().Contain([
            ScreenPopupTelemetry.EventIds.DecisionMade, ScreenPopupTelemetry.EventIds.DuplicateSuppressed,
            ScreenPopupTelemetry.EventIds.ScriptFailed, ScreenPopupTelemetry.EventIds.LimitHit]);
        foreach (var record in logs)
        {
            var text = record.Message + string.Join(",", record.StructuredState?.Select(p => p.Value) ?? []);
            text.Should().NotContain(Token).And.NotContain(Password).And.NotContain("1234").And.NotContain(Caller).And.NotContain("390212345678");
        }

        logs.Should().Contain(r => r.Id.Id == ScreenPopupTelemetry.EventIds.ScriptFailed && r.Message.Contains("no customer for +39********78", StringComparison.Ordinal));
    }

    [Fact]
    public void Metrics_CountDecisionsWithTagsAndRecordDurations()
    {
        var meterFactory = _provider.GetRequiredService<IMeterFactory>();
        using var decisions = new MetricCollector<long>(meterFactory, ScreenPopupTelemetry.MeterName, ScreenPopupTelemetry.DecisionsCounter);
        using var durations = new MetricCollector<double>(meterFactory, ScreenPopupTelemetry.MeterName, ScreenPopupTelemetry.EvaluationDurationHistogram);

        Evaluator.Evaluate(Request());
        Evaluator.Evaluate(Request());
        Evaluator.Evaluate(Request("throw", "s-2"));

        var measurements = decisions.GetMeasurementSnapshot();
        measurements.Select(m => (m.Tags["screenpopup.action"], m.Tags.GetValueOrDefault("screenpopup.reason"))).Should().Equal(("open", null), ("none", "duplicate"), ("error", "scriptRuntime"));
        measurements.Should().OnlyContain(m => (string?)m.Tags["screenpopup.trigger"] == "answer" && (string?)m.Tags["screenpopup.channel"] == "whatsapp" && m.Value == 1);
        measurements.SelectMany(m => m.Tags).Should().OnlyContain(tag => tag.Key.StartsWith("screenpopup.", StringComparison.Ordinal) && !string.IsNullOrEmpty((string?)tag.Value),
            "attributes are namespaced and never empty");
        durations.GetMeasurementSnapshot().Should().HaveCount(3).And.OnlyContain(m => m.Value >= 0 && m.Tags.Count == 1 && m.Tags.ContainsKey("screenpopup.action"));
    }

    [Fact]
    public void Metrics_DurationHistogram_AdvisesBucketsForMicrosecondDecisions()
    {
        IReadOnlyList<double>? advised = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument is Histogram<double> { Name: ScreenPopupTelemetry.EvaluationDurationHistogram } histogram && histogram.Meter.Name == ScreenPopupTelemetry.MeterName)
                {
                    advised = histogram.Advice?.HistogramBucketBoundaries;
                }
            },
        };
        listener.Start();

        var options = new ScreenPopupOptions();
        options.Services["SUPPORT"] = new PopupService { Script = "({ onAnswer: 'https://crm.example/' })" };
        _ = PopupEvaluator.Create(options, meterFactory: _provider.GetRequiredService<IMeterFactory>());

        advised.Should().Equal(ScreenPopupTelemetry.EvaluationDurationBuckets);
        advised.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        advised![0].Should().BeLessThanOrEqualTo(0.000_005, "a warm decision takes microseconds");
        advised[^1].Should().BeGreaterThanOrEqualTo(0.1, "a first compile or a slow script takes tens of milliseconds");
        advised.Count(b => b is > 0.000_005 and <= 0.001).Should().BeGreaterThanOrEqualTo(6, "microsecond decisions spread over several buckets");
    }

    [Fact]
    public void Tracing_OneActivityPerEvaluation_TaggedWithTheDecisionAndNothingOfTheCaller()
    {
        using var test = new ActivitySource("ScreenPopup.Tests.Tracing");
        using var recorder = new ActivityRecorder(test.Name);
        using var parent = test.StartActivity("test")!;
        PopupRequest[] requests =
        [
            Request(session: "t-1"),
            Request(session: "t-1"),
            Request("throw", "t-2"),
            Request(session: "t-3") with { Call = Request().Call with { Service = "UNKNOWN-" + Caller, ChannelSessionId = "t-3" } },
            Request(session: "t-4") with { Role = PopupRole.Responder },
        ];

        var decisions = requests.Select(r => Evaluator.Evaluate(r)).ToList();
        parent.Stop();

        // Other tests evaluate at the same time: this test's activities are the children of its own.
        var ours = recorder.EvaluationsUnder(parent);
        ours.Should().HaveCount(requests.Length, "one activity per evaluation");
        ours.Should().OnlyContain(a => a.OperationName == ScreenPopupTelemetry.EvaluationActivity && a.ParentSpanId == parent.SpanId);
        string[] allowed = [ScreenPopupTelemetry.Tags.Service, ScreenPopupTelemetry.Tags.Trigger, ScreenPopupTelemetry.Tags.Channel, ScreenPopupTelemetry.Tags.Action, ScreenPopupTelemetry.Tags.Reason];
        foreach (var (activity, decision) in ours.Zip(decisions))
        {
            var tags = activity.TagObjects.ToDictionary(t => t.Key, t => (string?)t.Value);
            tags.Keys.Should().BeSubsetOf(allowed);
            tags.Values.Should().OnlyContain(v => !string.IsNullOrEmpty(v) && !v.Contains("0212345678", StringComparison.Ordinal) && !v.Contains("SECRET", StringComparison.Ordinal) && !v.StartsWith("t-", StringComparison.Ordinal));
            tags[ScreenPopupTelemetry.Tags.Action].Should().Be(PopupJson.WireName(decision.Action));
            tags.GetValueOrDefault(ScreenPopupTelemetry.Tags.Reason).Should().Be(decision.Reason is { } reason ? PopupJson.WireName(reason) : null);
            (activity.Status == ActivityStatusCode.Error).Should().Be(decision.Action == PopupAction.Error);
        }

        ours.Select(a => a.GetTagItem(ScreenPopupTelemetry.Tags.Service) as string).Should().Equal(
            ["SUPPORT", "SUPPORT", "SUPPORT", null, "SUPPORT"], "a service code the configuration does not have is left out");
        decisions.Select(d => d.Reason).Should().Equal(null, PopupReason.Duplicate, PopupReason.ScriptRuntime, PopupReason.ServiceUnknown, PopupReason.TriggerNotAllowed);
    }

    /// <summary>
    /// Every golden and hostile case (together they produce every reason the pipeline has): its activity's tags are only
    /// the decision's vocabulary, the wire names of the enums and the service codes the configuration holds, so nothing a
    /// caller or agent wrote can reach a trace, whatever the script did.
    /// </summary>
    [Theory]
    [MemberData(nameof(GoldenCorpusTests.Cases), MemberType = typeof(GoldenCorpusTests))]
    [MemberData(nameof(GoldenCorpusTests.HostileCases), MemberType = typeof(GoldenCorpusTests))]
    public void Tracing_EveryCorpusCase_TagsOnlyTheDecisionVocabulary(string name)
    {
        var (expected, request, options) = GoldenCorpusTests.Load(name);
        if (expected["configurationErrors"] is not null)
        {
            return;
        }

        var evaluator = PopupEvaluator.Create(options);
        using var recorder = new ActivityRecorder();
        using var parent = new Activity("corpus").Start();

        var decision = evaluator.Evaluate(request);
        parent.Stop();

        var activity = recorder.EvaluationsUnder(parent).Single();
        var vocabulary = new[] { typeof(PopupTrigger), typeof(PopupChannel), typeof(PopupAction), typeof(PopupReason) }
            .SelectMany(type => Enum.GetValues(type).Cast<Enum>().Select(WireNameOf))
            .Concat(options.Services.Keys)
            .ToHashSet(StringComparer.Ordinal);
        activity.TagObjects.Should().OnlyContain(tag => tag.Value is string && vocabulary.Contains((string)tag.Value), "a tag is a wire name or a configured service code");
        activity.GetTagItem(ScreenPopupTelemetry.Tags.Action).Should().Be(PopupJson.WireName(decision.Action));
    }

    private static string WireNameOf(Enum value) => value switch
    {
        PopupTrigger trigger => PopupJson.WireName(trigger),
        PopupChannel channel => PopupJson.WireName(channel),
        PopupAction action => PopupJson.WireName(action),
        PopupReason reason => PopupJson.WireName(reason),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    [Fact]
    public void StateStoreFailure_LogNamesNoSessionOrAgent()
    {
        using var logProvider = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logProvider));
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
        options.Services["SUPPORT"] = new PopupService { Script = "({ onAnswer: 'https://crm.example/' })" };
        var evaluator = PopupEvaluator.Create(options, loggerFactory, stateStore: new FailingStore());
        var request = TestEvaluators.Request(agent: new AgentVariables { Username = "agent-mrossi" }) with
        {
            Call = new CallVariables { Service = "SUPPORT", Cli = Caller, ChannelSessionId = "session-4711" },
        };

        evaluator.Evaluate(request).Action.Should().Be(PopupAction.Open);

        var failure = logProvider.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == ScreenPopupTelemetry.EventIds.StateStoreFailed).Subject;
        failure.Message.Should().Contain("Timeout performing SET").And.NotContain("session-4711").And.NotContain("agent-mrossi");
    }

    /// <summary>A shared store that fails as StackExchange.Redis does on a timeout: its message names the key.</summary>
    private sealed class FailingStore : IPopupStateStore
    {
        public bool TryAdd(string key, TimeSpan timeToLive) =>
            throw new TimeoutException($"Timeout performing SET (1000ms), inst: 0, key: screenpopup:{key}, mgr: 10 of 10 available");
    }
}

public sealed class CallerMaskTests
{
    [Theory]
    [InlineData("+390212345678", "+39********78")]
    [InlineData("1234567", "123**67")]
    [InlineData("123456", "******")]
    [InlineData("", "")]
    public void Mask_KeepsOnlyEnds(string caller, string expected)
    {
        CallerMask.Mask(caller).Should().Be(expected);
    }
}
