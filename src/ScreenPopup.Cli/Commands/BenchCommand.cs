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
        from the same request) the same way, and prints the ratio. Compare ratios, not absolute times: machines are noisy.

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
        return 0;
    }

    /// <summary>What a host would write by hand: the same kind of URL, built in C#.</summary>
    private static string Baseline(PopupRequest request) =>
        "https://crm.example/contact?cli=" + Uri.EscapeDataString(request.Call.Cli) + "&op=" + Uri.EscapeDataString(request.Agent.Username ?? "");

    private static Measurement Measure(Func<object> operation, TimeSpan duration, int threads)
    {
        RunFor(operation, TimeSpan.FromMilliseconds(300), _ => { });
        var results = new (long Operations, long Bytes, List<long> Samples)[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() => results[t] = RunFor(operation, duration, _ => { }))).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        var operations = results.Sum(r => r.Operations);
        var samples = results.SelectMany(r => r.Samples).Order().ToArray();
        var ticksToMicroseconds = 1_000_000.0 / Stopwatch.Frequency;
        return new Measurement(
            PerSecond: operations / duration.TotalSeconds,
            MeanMicroseconds: duration.TotalMicroseconds * threads / operations,
            P99Microseconds: samples.Length == 0 ? 0 : samples[(int)Math.Min(samples.Length - 1, samples.Length * 0.99)] * ticksToMicroseconds,
            BytesPerOperation: (double)results.Sum(r => r.Bytes) / operations);
    }

    /// <summary>Runs the operation until the time is up; samples every latency up to a million, and counts this thread's allocations.</summary>
    private static (long Operations, long Bytes, List<long> Samples) RunFor(Func<object> operation, TimeSpan duration, Action<object> sink)
    {
        var samples = new List<long>(1 << 16);
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long operations = 0;
        long now;
        do
        {
            var start = Stopwatch.GetTimestamp();
            sink(operation());
            now = Stopwatch.GetTimestamp();
            if (samples.Count < 1_000_000)
            {
                samples.Add(now - start);
            }

            operations++;
        }
        while (now < end);

        return (operations, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, samples);
    }

    private static string Number(double value, int decimals = 0) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    private sealed record Measurement(double PerSecond, double MeanMicroseconds, double P99Microseconds, double BytesPerOperation);
}
