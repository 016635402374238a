using System.Diagnostics;

namespace ScreenPopup.Cli.Measuring;

/// <summary>How fast an operation runs on some threads for some time: every call timed, allocations counted per thread.</summary>
internal sealed record Measurement(long Operations, TimeSpan Duration, LatencyHistogram Latencies, long Bytes)
{
    private static readonly double MicrosecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>Operations per second of wall-clock time, all threads together.</summary>
    public double PerSecond => Operations / Duration.TotalSeconds;

    /// <summary>The mean latency of a call.</summary>
    public double MeanMicroseconds => Latencies.Mean * MicrosecondsPerTick;

    /// <summary>The median latency.</summary>
    public double P50Microseconds => Latencies.Percentile(0.50) * MicrosecondsPerTick;

    /// <summary>The 99th percentile latency.</summary>
    public double P99Microseconds => Latencies.Percentile(0.99) * MicrosecondsPerTick;

    /// <summary>The largest latency.</summary>
    public double MaxMicroseconds => Latencies.Max * MicrosecondsPerTick;

    /// <summary>Bytes allocated per operation.</summary>
    public double BytesPerOperation => (double)Bytes / Math.Max(1, Operations);

    /// <summary>Runs <paramref name="operation"/> on <paramref name="threads"/> threads at once for <paramref name="duration"/>, after a short warm-up.</summary>
    public static Measurement Of(Func<object> operation, TimeSpan duration, int threads)
    {
        RunFor(operation, EndAfter(TimeSpan.FromMilliseconds(300)), new LatencyHistogram());
        var histograms = Enumerable.Range(0, threads).Select(_ => new LatencyHistogram()).ToArray();
        var started = Stopwatch.GetTimestamp();
        var results = RunOn(threads, operation, duration, histograms);
        // The time it took, not the time asked for: the last calls end after it, and should the pool start a thread
        // late, the rate must not count its calls as if they had run beside the others.
        var elapsed = Stopwatch.GetElapsedTime(started);
        var latencies = new LatencyHistogram();
        Array.ForEach(histograms, latencies.Add);
        return new Measurement(results.Sum(r => r.Operations), elapsed, latencies, results.Sum(r => r.Bytes));
    }

    /// <summary>Operations counted on that many threads for that time, without timing each call.</summary>
    public static long CountOn(int threads, Func<object> operation, TimeSpan duration) =>
        RunOn(threads, operation, duration, histograms: null).Sum(r => r.Operations);

    /// <summary>
    /// Runs the operation on that many threads at once until the time is up; each thread's figures. The threads are the
    /// thread pool's: they outlive a measurement, so each keeps the engine it used (a new thread would build one first,
    /// which takes milliseconds).
    /// </summary>
    private static (long Operations, long Bytes)[] RunOn(int threads, Func<object> operation, TimeSpan duration, LatencyHistogram[]? histograms)
    {
        var end = EndAfter(duration);
        var results = new (long Operations, long Bytes)[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => results[t] = RunFor(operation, end, histograms?[t]));
        return results;
    }

    private static long EndAfter(TimeSpan duration) => Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Runs the operation until <paramref name="end"/> (a <see cref="Stopwatch"/> timestamp), recording each call's latency when given a histogram; this thread's count and allocations.</summary>
    private static (long Operations, long Bytes) RunFor(Func<object> operation, long end, LatencyHistogram? latencies)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long operations = 0;
        long now;
        do
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(operation());
            now = Stopwatch.GetTimestamp();
            latencies?.Record(now - start);
            operations++;
        }
        while (now < end);

        return (operations, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }
}
