using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ScreenPopup.Diagnostics;
using ScreenPopup.Duplicates;
using ScreenPopup.Scripting;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>
/// What an evaluator uses besides its configuration: its engines, clock, duplicate state, logger and metrics. One runtime
/// outlives configuration reloads, so engines, duplicate state and instruments carry over from one configuration to the
/// next; no two evaluators share a runtime.
/// </summary>
internal sealed class PopupRuntime
{
    public PopupRuntime(ILoggerFactory? loggerFactory, IMeterFactory? meterFactory, TimeProvider? timeProvider, IPopupStateStore? stateStore, int stateCapacity)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(ScreenPopupTelemetry.MeterName);
        Metrics = new PopupMetrics(meterFactory);
        var local = new InMemoryPopupStateStore(TimeProvider, stateCapacity);
        State = stateStore is null ? local : new ResilientPopupStateStore(stateStore, local, TimeProvider, Logger, Metrics);
        Quarantine = new ScriptQuarantine(TimeProvider, Logger, Metrics);
    }

    public ScriptQuarantine Quarantine { get; }

    /// <summary>This evaluator's own sandbox engines: never shared with another evaluator (another tenant's options).</summary>
    public EnginePool Engines { get; } = new();

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public PopupMetrics Metrics { get; }

    /// <summary>The state between decisions: the given store made resilient, or this instance's own.</summary>
    public IPopupStateStore State { get; }

    /// <summary>The runtime's part of the health: the shared store, and which of the serving configuration's scripts are quarantined.</summary>
    public ScreenPopupHealth HealthOf(IEnumerable<PopupScript> servingScripts) => new()
    {
        StateStoreFailing = State is ResilientPopupStateStore { IsFailing: true },
        QuarantinedScripts = Quarantine.Active(servingScripts),
    };

    /// <summary>Logs and counts one decision. Caller numbers are masked; decisions never carry secrets outside the URL, which is not logged.</summary>
    public void Record(PopupRequest request, PopupDecision decision, TimeSpan elapsed)
    {
        Metrics.RecordDecision(request, decision, elapsed);
        if (!Logger.IsEnabled(LogLevel.Debug) && decision.Action != PopupAction.Error)
        {
            return;
        }

        var cli = request.Call.Cli;
        var caller = CallerMask.Mask(cli);
        var trigger = WireNames.Of(request.Trigger);
        var service = request.Call.Service;
        switch (decision)
        {
            case { Action: PopupAction.Error, Reason: PopupReason.ScriptTimeout or PopupReason.ScriptLimit }:
                Logger.LimitHit(WireNames.Of(decision.Reason.Value), trigger, service, caller, CallerMask.MaskIn(decision.Message ?? "", cli));
                break;
            case { Action: PopupAction.Error }:
                Logger.ScriptFailed(WireNames.Of(decision.Reason!.Value), trigger, service, caller, CallerMask.MaskIn(decision.Message ?? "", cli));
                break;
            case { Reason: PopupReason.Duplicate }:
                Logger.DuplicateSuppressed(trigger, service, caller);
                break;
        }

        Logger.DecisionMade(WireNames.Of(decision.Action), decision.Reason is { } reason ? WireNames.Of(reason) : "", trigger, WireNames.Of(request.Channel), service, caller, elapsed.TotalMilliseconds);
    }
}
