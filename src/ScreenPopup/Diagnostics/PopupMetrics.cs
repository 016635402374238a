using System.Diagnostics;
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

    /// <summary>The evaluator's name as a tag, for a named evaluator; none (no empty tag) otherwise.</summary>
    private readonly KeyValuePair<string, object?>[] _evaluator;

    /// <param name="meterFactory">Where the meter is created; the shared meter when none.</param>
    /// <param name="evaluatorName">The name of a named evaluator, tagged on every measurement; <see langword="null"/> for the default one.</param>
    public PopupMetrics(IMeterFactory? meterFactory, string? evaluatorName = null)
    {
        _evaluator = evaluatorName is null ? [] : [new(ScreenPopupTelemetry.Tags.Evaluator, evaluatorName)];
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
        // A TagList keeps up to eight tags on the stack: no allocation per decision.
        var tags = new TagList(_evaluator)
        {
            { ScreenPopupTelemetry.Tags.Action, WireNames.Of(decision.Action) },
        };
        _duration.Record(elapsed.TotalSeconds, tags);
        if (decision.Reason is { } reason)
        {
            tags.Add(ScreenPopupTelemetry.Tags.Reason, WireNames.Of(reason));
        }

        tags.Add(ScreenPopupTelemetry.Tags.Trigger, WireNames.Of(request.Trigger));
        tags.Add(ScreenPopupTelemetry.Tags.Channel, WireNames.Of(request.Channel));
        _decisions.Add(1, tags);
    }

    public void RecordReload(bool applied) =>
        _reloads.Add(1, new TagList(_evaluator) { { ScreenPopupTelemetry.Tags.Outcome, applied ? "applied" : "rejected" } });

    public void RecordQuarantine(string service) =>
        _quarantines.Add(1, new TagList(_evaluator) { { ScreenPopupTelemetry.Tags.Service, service } });

    public void RecordStateStoreFailure() => _stateFailures.Add(1, new TagList(_evaluator));
}
