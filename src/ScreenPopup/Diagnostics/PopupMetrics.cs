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
        _duration = meter.CreateHistogram(ScreenPopupTelemetry.EvaluationDurationHistogram, unit: "s", description: "The time one popup evaluation takes.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ScreenPopupTelemetry.EvaluationDurationBuckets });
        _stateFailures = meter.CreateCounter<long>(ScreenPopupTelemetry.StateStoreFailuresCounter, unit: "{failure}", description: "Failures of the shared state store.");
        _quarantines = meter.CreateCounter<long>(ScreenPopupTelemetry.QuarantinesCounter, unit: "{quarantine}", description: "Scripts quarantined after repeated limit hits.");
        _reloads = meter.CreateCounter<long>(ScreenPopupTelemetry.ReloadsCounter, unit: "{change}", description: "Configuration changes, applied or rejected.");
    }

    public void RecordDecision(PopupRequest request, PopupDecision decision, TimeSpan elapsed)
    {
        var action = new KeyValuePair<string, object?>(ScreenPopupTelemetry.Tags.Action, WireNames.Of(decision.Action));
        var trigger = new KeyValuePair<string, object?>(ScreenPopupTelemetry.Tags.Trigger, WireNames.Of(request.Trigger));
        var channel = new KeyValuePair<string, object?>(ScreenPopupTelemetry.Tags.Channel, WireNames.Of(request.Channel));
        if (decision.Reason is { } reason)
        {
            _decisions.Add(1, action, new KeyValuePair<string, object?>(ScreenPopupTelemetry.Tags.Reason, WireNames.Of(reason)), trigger, channel);
        }
        else
        {
            _decisions.Add(1, action, trigger, channel);
        }

        _duration.Record(elapsed.TotalSeconds, action);
    }

    public void RecordReload(bool applied) =>
        _reloads.Add(1, new KeyValuePair<string, object?>(ScreenPopupTelemetry.Tags.Outcome, applied ? "applied" : "rejected"));

    public void RecordQuarantine(string service) =>
        _quarantines.Add(1, new KeyValuePair<string, object?>(ScreenPopupTelemetry.Tags.Service, service));

    public void RecordStateStoreFailure() => _stateFailures.Add(1);
}
