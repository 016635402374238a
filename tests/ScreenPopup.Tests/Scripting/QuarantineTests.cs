using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ScreenPopup.Tests;

/// <summary>A script that keeps hitting its limits is quarantined, so it cannot eat the CPU other services need.</summary>
public sealed class QuarantineTests
{
    private const string Script = "function popup(call) { if (call.CALL_CHANNELDATA === 'loop') { for (;;) {} } return { onAnswer: 'https://crm.example/' }; }";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    private PopupEvaluator Evaluator(int after = 3)
    {
        var options = new ScreenPopupOptions { Sandbox = new SandboxOptions { Timeout = TimeSpan.FromSeconds(10), QuarantineAfter = after, QuarantineDuration = TimeSpan.FromMinutes(2) } };
        options.Services["SUPPORT"] = new PopupService { Script = Script };
        options.Services["OTHER"] = new PopupService { Script = "({ onAnswer: 'https://other.example/' })" };
        options.DuplicateSuppression.Enabled = false;
        return PopupEvaluator.Create(options, timeProvider: _clock);
    }

    private static PopupRequest Request(string data, string service = "SUPPORT") =>
        new() { Trigger = PopupTrigger.Answer, Call = new CallVariables { Service = service, ChannelData = data } };

    [Fact]
    public void Evaluate_LimitHitsInARow_QuarantineTheScript()
    {
        var evaluator = Evaluator();

        for (var i = 0; i < 3; i++)
        {
            evaluator.Evaluate(Request("loop")).Reason.Should().Be(PopupReason.ScriptLimit);
        }

        var quarantined = evaluator.Evaluate(Request("fine"));
        quarantined.Action.Should().Be(PopupAction.Error);
        quarantined.Reason.Should().Be(PopupReason.ScriptQuarantined);
        quarantined.Message.Should().Contain("'SUPPORT' is quarantined until 09:02:00 UTC after 3");
        evaluator.Evaluate(Request("fine", "OTHER")).Action.Should().Be(PopupAction.Open, "other services keep working");
    }

    [Fact]
    public void Evaluate_AfterTheQuarantinePeriod_RunsTheScriptAgain()
    {
        var evaluator = Evaluator();
        for (var i = 0; i < 3; i++)
        {
            evaluator.Evaluate(Request("loop"));
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        evaluator.Evaluate(Request("fine")).Reason.Should().Be(PopupReason.ScriptQuarantined);

        _clock.Advance(TimeSpan.FromMinutes(1));
        evaluator.Evaluate(Request("fine")).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public void Evaluate_ASuccessInBetween_ResetsTheCount()
    {
        var evaluator = Evaluator();

        evaluator.Evaluate(Request("loop"));
        evaluator.Evaluate(Request("loop"));
        evaluator.Evaluate(Request("fine"));
        evaluator.Evaluate(Request("loop"));
        evaluator.Evaluate(Request("loop"));

        evaluator.Evaluate(Request("fine")).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public void Evaluate_QuarantineOff_NeverQuarantines()
    {
        var evaluator = Evaluator(after: 0);
        for (var i = 0; i < 10; i++)
        {
            evaluator.Evaluate(Request("loop"));
        }

        evaluator.Evaluate(Request("fine")).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public void Quarantine_IsLoggedCountedAndLiftedByAConfigurationChange()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ScreenPopup:Services:SUPPORT:Script"] = Script,
            ["ScreenPopup:Sandbox:QuarantineAfter"] = "2",
            ["ScreenPopup:DuplicateSuppression:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging());
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddScreenPopup(configuration.GetSection("ScreenPopup"));
        using var provider = services.BuildServiceProvider();
        using var quarantines = new MetricCollector<long>(provider.GetRequiredService<IMeterFactory>(), ScreenPopupTelemetry.MeterName, ScreenPopupTelemetry.QuarantinesCounter);
        var evaluator = provider.GetRequiredService<IPopupEvaluator>();

        evaluator.Evaluate(Request("loop"));
        evaluator.Evaluate(Request("loop"));
        evaluator.Evaluate(Request("fine")).Reason.Should().Be(PopupReason.ScriptQuarantined);

        provider.GetFakeLogCollector().GetSnapshot().Should().ContainSingle(r => r.Id.Id == ScreenPopupTelemetry.EventIds.ScriptQuarantined)
            .Which.Level.Should().Be(LogLevel.Warning);
        quarantines.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags[ScreenPopupTelemetry.Tags.Service].Should().Be("SUPPORT");

        configuration["ScreenPopup:Services:SUPPORT:Script"] = Script + "\n// fixed";
        configuration.Reload();

        evaluator.Evaluate(Request("fine")).Action.Should().Be(PopupAction.Open, "a configuration change lifts the quarantine");
    }
}
