using System.Collections.Concurrent;
using System.Diagnostics;

namespace ScreenPopup.Tests;

/// <summary>
/// Records the activities of the <c>ScreenPopup</c> source (and of any other source named) while it lives. Other tests
/// evaluate at the same time: select a test's own activities by the trace id of a parent it starts.
/// </summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly ConcurrentBag<Activity> _finished = [];
    private readonly ActivityListener _listener;

    public ActivityRecorder(params string[] otherSources)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ScreenPopupTelemetry.ActivitySourceName || otherSources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _finished.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The ScreenPopup activities of the trace of <paramref name="parent"/>, in the order they started.</summary>
    public List<Activity> EvaluationsUnder(Activity parent) =>
        [.. _finished.Where(a => a.Source.Name == ScreenPopupTelemetry.ActivitySourceName && a.TraceId == parent.TraceId).OrderBy(a => a.StartTimeUtc)];

    public void Dispose() => _listener.Dispose();
}
