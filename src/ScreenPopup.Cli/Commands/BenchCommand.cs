using System.Diagnostics;
using System.Globalization;

namespace ScreenPopup.Cli.Commands;

/// <summary><c>screenpopup bench</c>: measures decisions per second, latency and allocations, beside a plain C# baseline in the same run.</summary>
internal static class BenchCommand
{
    internal const string Help = """
        Usage: screenpopup bench --request FILE.json (--script FILE.js | --config FILE.json) [--seconds S] [--threads T]

        Evaluates the request repeatedly for S seconds (default 3) on T threads (default 1), after a short warm-up, with
        duplicate suppression off, and prints decisions per second, mean and p99 microseconds, and allocated bytes per
        decision. Then measures a built-in plain C# baseline (building the URL "https://crm.example/contact?cli=…&op=…"
        from the same request) the same way, and prints the ratio. With T > 1 it also prints how throughput scales from
        1 to T threads, for both: the median of 7 alternating rounds of 1 and T threads (another S seconds each), since
        what a machine's other cores are doing drifts. Compare ratios, not absolute times: machines are noisy.

        Exit code: 0; 2 for usage or input-file errors.
        """;

    public static int Run(CommandLine line, TextWriter output)
    {
        var requestFile = line.Require("request");
        var choice = line.OneOf("script", "config", required: true)!.Value;
        var seconds = line.PositiveInt("seconds", 3);
        var threads = line.PositiveInt("threads", 1);
        var requests = RequestFiles.Read(requestFile, out var isLines);
        if (isLines || requests.Count != 1)
        {
            throw new CliException($"{requestFile}: bench takes one request (.json)");
        }

        var request = requests[0];
        var options = Configurations.FromChoice(choice);
        options.DuplicateSuppression.Enabled = false;
        var evaluator = Configurations.Compile(options, choice.Value);
        var decision = evaluator.Evaluate(request);
        output.WriteLine($"decision: {decision.Action.ToString().ToLowerInvariant()}{(decision.Reason is { } r ? "/" + r : "")}, {threads} thread(s), {seconds} s each");

        var duration = TimeSpan.FromSeconds(seconds);
        var library = Measure(() => evaluator.Evaluate(request), duration, threads);
        var baseline = Measure(() => Baseline(request), duration, threads);

        var table = new TextTable("", "decisions/s", "mean µs", "p99 µs", "bytes/decision");
        table.Add("screenpopup", Number(library.PerSecond), Number(library.MeanMicroseconds, 2), Number(library.P99Microseconds, 2), Number(library.BytesPerOperation));
        table.Add("plain C# baseline", Number(baseline.PerSecond), Number(baseline.MeanMicroseconds, 3), Number(baseline.P99Microseconds, 3), Number(baseline.BytesPerOperation));
        table.Print(output);
        output.WriteLine($"ratio screenpopup / baseline: {library.MeanMicroseconds / baseline.MeanMicroseconds:0.#}× the time, {library.BytesPerOperation / Math.Max(1, baseline.BytesPerOperation):0.#}× the bytes");
        if (threads > 1)
        {
            var libraryScaling = Scaling(() => evaluator.Evaluate(request), duration, threads);
            var baselineScaling = Scaling(() => Baseline(request), duration, threads);
            output.WriteLine($"scaling from 1 to {threads} threads (median of {ScalingRounds} alternating rounds): screenpopup {libraryScaling:0.00}×, plain C# baseline {baselineScaling:0.00}×");
        }

        return 0;
    }

    private const int ScalingRounds = 7;

    /// <summary>Throughput on <paramref name="threads"/> threads over throughput on one, as the median of alternating short rounds.</summary>
    private static double Scaling(Func<object> operation, TimeSpan duration, int threads)
    {
        var round = duration / (2 * ScalingRounds);
        var ratios = new double[ScalingRounds];
        for (var i = 0; i < ratios.Length; i++)
        {
            var one = RunOn(1, operation, round).Sum(r => r.Operations);
            var many = RunOn(threads, operation, round).Sum(r => r.Operations);
            ratios[i] = (double)many / Math.Max(1, one);
        }

        Array.Sort(ratios);
        return ratios[ScalingRounds / 2];
    }

    /// <summary>What a host would write by hand: the same kind of URL, built in C#.</summary>
    private static string Baseline(PopupRequest request) =>
        "https://crm.example/contact?cli=" + Uri.EscapeDataString(request.Call.Cli) + "&op=" + Uri.EscapeDataString(request.Agent.Username ?? "");

    private static Measurement Measure(Func<object> operation, TimeSpan duration, int threads)
    {
        RunFor(operation, EndAfter(TimeSpan.FromMilliseconds(300)), latencies: null);
        var latencies = Enumerable.Range(0, threads).Select(_ => new long[LatencySamples]).ToArray();
        var results = RunOn(threads, operation, duration, latencies);
        var operations = results.Sum(r => r.Operations);
        var samples = latencies.Zip(results, (ring, result) => ring.Take((int)Math.Min(ring.Length, result.Operations))).SelectMany(x => x).Order().ToArray();
        var ticksToMicroseconds = 1_000_000.0 / Stopwatch.Frequency;
        return new Measurement(
            PerSecond: operations / duration.TotalSeconds,
            MeanMicroseconds: duration.TotalMicroseconds * threads / operations,
            P99Microseconds: samples.Length == 0 ? 0 : samples[(int)Math.Min(samples.Length - 1, samples.Length * 0.99)] * ticksToMicroseconds,
            BytesPerOperation: (double)results.Sum(r => r.Bytes) / operations);
    }

    /// <summary>
    /// The latencies kept per thread for the p99: the last this many, in a ring allocated before measuring and small
    /// enough (32 KB) to stay in the core's cache: a list growing to a million samples (8 MB per thread) made two
    /// threads decide about 30% fewer popups than with this ring.
    /// </summary>
    private const int LatencySamples = 1 << 12;

    /// <summary>
    /// Runs the operation on that many threads at once until the time is up; each thread's figures. The threads are the
    /// thread pool's: they outlive a measurement, so each keeps the engine it used (a new thread would build one first,
    /// which takes milliseconds).
    /// </summary>
    private static (long Operations, long Bytes)[] RunOn(int threads, Func<object> operation, TimeSpan duration, long[][]? latencies = null)
    {
        var end = EndAfter(duration);
        var results = new (long Operations, long Bytes)[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => results[t] = RunFor(operation, end, latencies?[t]));
        return results;
    }

    private static long EndAfter(TimeSpan duration) => Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);

    /// <summary>
    /// Runs the operation until <paramref name="end"/> (a <see cref="Stopwatch"/> timestamp) and counts this thread's
    /// allocations; writes each latency into <paramref name="latencies"/>, a ring, when given.
    /// </summary>
    private static (long Operations, long Bytes) RunFor(Func<object> operation, long end, long[]? latencies)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long operations = 0;
        long now;
        do
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(operation());
            now = Stopwatch.GetTimestamp();
            if (latencies is not null)
            {
                latencies[operations % latencies.Length] = now - start;
            }

            operations++;
        }
        while (now < end);

        return (operations, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }

    private static string Number(double value, int decimals = 0) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    private sealed record Measurement(double PerSecond, double MeanMicroseconds, double P99Microseconds, double BytesPerOperation);
}
