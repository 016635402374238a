using System.Diagnostics.Metrics;
using ScreenPopup.Serialization;

namespace ScreenPopup.Diagnostics;

/// <summary>The instruments of the <c>ScreenPopup</c> meter.</summary>
internal sealed class PopupMetrics
{
    /// <summary>The meter used when no <see cref="IMeterFactory"/> is given; shared so that it is never leaked per evaluator.</summary>
    private static readonly Meter SharedMeter = new(ScreenPopupTelemetry.MeterName);

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _reloads;
    private readonly Counter<long> _quarantines;
    private readonly Counter<long> _stateFailures;

    public PopupMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(ScreenPopupTelemetry.MeterName) ?? SharedMeter;
        _decisions = meter.CreateCounter<long>(ScreenPopupTelemetry.DecisionsCounter, unit: "{decision}", description: "Popup decisions, by action, reason, trigger and channel.");
        _duration = meter.CreateHistogram<double>(ScreenPopupTelemetry.EvaluationDurationHistogram, unit: "s", description: "The time one popup evaluation takes.");
        _stateFailures = meter.CreateCounter<long>(ScreenPopupTelemetry.StateStoreFailuresCounter, unit: "{failure}", description: "Failures of the shared state store.");
        _quarantines = meter.CreateCounter<long>(ScreenPopupTelemetry.QuarantinesCounter, unit: "{quarantine}", description: "Scripts quarantined after repeated limit hits.");
        _reloads = meter.CreateCounter<long>(ScreenPopupTelemetry.ReloadsCounter, unit: "{change}", description: "Configuration changes, applied or rejected.");
    }

    public void RecordDecision(PopupRequest request, PopupDecision decision, TimeSpan elapsed)
    {
        var action = new KeyValuePair<string, object?>("action", WireNames.Of(decision.Action));
        _decisions.Add(1,
            action,
            new KeyValuePair<string, object?>("reason", decision.Reason is { } reason ? WireNames.Of(reason) : ""),
            new KeyValuePair<string, object?>("trigger", WireNames.Of(request.Trigger)),
            new KeyValuePair<string, object?>("channel", WireNames.Of(request.Channel)));
        _duration.Record(elapsed.TotalSeconds, action);
    }

    public void RecordReload(bool applied) =>
        _reloads.Add(1, new KeyValuePair<string, object?>("outcome", applied ? "applied" : "rejected"));

    public void RecordQuarantine(string service) =>
        _quarantines.Add(1, new KeyValuePair<string, object?>("service", service));

    public void RecordStateStoreFailure() => _stateFailures.Add(1);
}
