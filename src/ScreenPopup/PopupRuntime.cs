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
    /// <param name="loggerFactory">Where log events go; none when null.</param>
    /// <param name="meterFactory">Where the meter is created; a process-wide meter when null.</param>
    /// <param name="timeProvider">The clock; the system's when null.</param>
    /// <param name="stateStore">The shared state store, made resilient; this instance's own memory only when null.</param>
    /// <param name="stateCapacity">The most keys this instance remembers.</param>
    /// <param name="evaluatorName">A named evaluator's name, on its measurements, activities and log scopes; null for the default evaluator.</param>
    public PopupRuntime(ILoggerFactory? loggerFactory, IMeterFactory? meterFactory, TimeProvider? timeProvider, IPopupStateStore? stateStore, int stateCapacity,
        string? evaluatorName = null)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        EvaluatorName = evaluatorName;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(ScreenPopupTelemetry.MeterName);
        Logger = evaluatorName is null ? logger : new EvaluatorScopedLogger(logger, evaluatorName);
        Metrics = new PopupMetrics(meterFactory, evaluatorName);
        var local = new InMemoryPopupStateStore(TimeProvider, stateCapacity);
        State = stateStore is null ? local : new ResilientPopupStateStore(stateStore, local, TimeProvider, Logger, Metrics);
        Quarantine = new ScriptQuarantine(TimeProvider, Logger, Metrics);
    }

    public ScriptQuarantine Quarantine { get; }

    /// <summary>A named evaluator's name; <see langword="null"/> for the default evaluator and for <see cref="PopupEvaluator.Create"/>.</summary>
    public string? EvaluatorName { get; }

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
