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
        measurements.Select(m => (m.Tags["action"], m.Tags["reason"])).Should().Equal(("open", ""), ("none", "duplicate"), ("error", "scriptRuntime"));
        measurements.Should().OnlyContain(m => (string?)m.Tags["trigger"] == "answer" && (string?)m.Tags["channel"] == "whatsapp" && m.Value == 1);
        durations.GetMeasurementSnapshot().Should().HaveCount(3).And.OnlyContain(m => m.Value >= 0);
    }

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
