using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ScreenPopup.Cli.Measuring;
using ScreenPopup.Cli.Reports;
using ScreenPopup.Serialization;
using Spectre.Console;

namespace ScreenPopup.Cli.Commands;

/// <summary><c>screenpopup bench</c>: measures decisions per second, latency and allocations, beside a plain C# baseline in the same run.</summary>
internal static class BenchCommand
{
    private const int ScalingRounds = 7;

    public static Command Create(ToolConsole console)
    {
        var request = ToolOptions.Request("One request (.json).");
        var script = ToolOptions.Script();
        var config = ToolOptions.Config();
        var seconds = ToolOptions.PositiveInt("--seconds", 3, "How long each measurement runs (default 3).");
        var threads = ToolOptions.PositiveInt("--threads", 1, "How many threads decide at once (default 1).");
        var format = ToolOptions.Format("text", "json");
        var command = new Command("bench", """
            Measure decisions per second, latency and allocations beside a plain C# baseline.
            Exit code: 0; 2 usage or input-file error.
            """)
        {
            request, script, config, seconds, threads, format,
        };
        ToolOptions.OneOf(command, script, config);
        command.SetAction(result => Run(
            console,
            RequestReader.Open(result.GetRequiredValue(request), console).Single("bench"),
            ToolOptions.Choice(result, script, config)!.Value,
            result.GetValue(seconds),
            result.GetValue(threads),
            result.GetValue(format)!));
        return command;
    }

    private static int Run(ToolConsole console, PopupRequest request, (string Name, string Value) choice, int seconds, int threads, string format)
    {
        var options = Configurations.FromChoice(choice);
        options.DuplicateSuppression.Enabled = false;
        var evaluator = Configurations.Compile(options, choice.Value);
        var decision = evaluator.Evaluate(request);
        var outcome = decision.Reason is { } reason ? $"{PopupJson.WireName(decision.Action)}/{PopupJson.WireName(reason)}" : PopupJson.WireName(decision.Action);
        var duration = TimeSpan.FromSeconds(seconds);
        Func<object> library = () => evaluator.Evaluate(request);
        Func<object> baseline = () => Baseline(request);

        var (measured, plain, scaling) = WithProgress(console, progress =>
        {
            var measured = progress.Phase("screenpopup", duration, () => Measurement.Of(library, duration, threads));
            var plain = progress.Phase("plain C# baseline", duration, () => Measurement.Of(baseline, duration, threads));
            var scaling = threads == 1 ? null : new BenchScaling(
                ScalingRounds,
                progress.Phase($"scaling of screenpopup to {threads} threads", duration, () => Scaling(library, duration, threads)),
                progress.Phase($"scaling of the baseline to {threads} threads", duration, () => Scaling(baseline, duration, threads)));
            return (measured, plain, scaling);
        });

        var ratio = new BenchRatio(measured.MeanMicroseconds / plain.MeanMicroseconds, measured.BytesPerOperation / Math.Max(1, plain.BytesPerOperation));
        if (format == "json")
        {
            var report = new BenchReport(outcome, threads, seconds, Figures(measured), Figures(plain), ratio, scaling);
            console.Output.WriteLine(JsonSerializer.Serialize(report, ReportJson.Default.BenchReport));
            return ExitCodes.Success;
        }

        console.Output.WriteLine($"decision: {outcome}, {threads} thread(s), {seconds} s each");
        var table = new Table { Border = console.TableBorder }.AddColumns("", "decisions/s", "mean µs", "p50 µs", "p99 µs", "max µs", "bytes/decision");
        foreach (var column in table.Columns.Skip(1))
        {
            column.RightAligned();
        }

        table.AddRow(Row("screenpopup", measured, decimals: 2));
        table.AddRow(Row("plain C# baseline", plain, decimals: 3));
        console.Write(table);
        console.Output.WriteLine($"ratio screenpopup / baseline: {ratio.Time:0.#}× the time, {ratio.Bytes:0.#}× the bytes");
        if (scaling is not null)
        {
            console.Output.WriteLine($"scaling from 1 to {threads} threads (median of {ScalingRounds} alternating rounds): screenpopup {scaling.Screenpopup:0.00}×, plain C# baseline {scaling.Baseline:0.00}×");
        }

        return ExitCodes.Success;
    }

    private static BenchFigures Figures(Measurement m) =>
        new(m.PerSecond, m.MeanMicroseconds, m.P50Microseconds, m.P99Microseconds, m.MaxMicroseconds, m.BytesPerOperation, m.Operations);

    private static string[] Row(string name, Measurement m, int decimals) =>
        [name, Number(m.PerSecond), Number(m.MeanMicroseconds, decimals), Number(m.P50Microseconds, decimals), Number(m.P99Microseconds, decimals), Number(m.MaxMicroseconds, decimals), Number(m.BytesPerOperation)];

    /// <summary>Throughput on <paramref name="threads"/> threads over throughput on one, as the median of alternating short rounds (what a machine's other cores do drifts).</summary>
    private static double Scaling(Func<object> operation, TimeSpan duration, int threads)
    {
        var round = duration / (2 * ScalingRounds);
        var ratios = new double[ScalingRounds];
        for (var i = 0; i < ratios.Length; i++)
        {
            var one = Measurement.CountOn(1, operation, round);
            var many = Measurement.CountOn(threads, operation, round);
            ratios[i] = (double)many / Math.Max(1, one);
        }

        Array.Sort(ratios);
        return ratios[ScalingRounds / 2];
    }

    /// <summary>What a host would write by hand: the same kind of URL, built in C#.</summary>
    private static string Baseline(PopupRequest request) =>
        "https://crm.example/contact?cli=" + Uri.EscapeDataString(request.Call.Cli) + "&op=" + Uri.EscapeDataString(request.Agent.Username ?? "");

    private static string Number(double value, int decimals = 0) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    /// <summary>Runs the phases with a progress bar per phase on standard error when it is a terminal; silently otherwise.</summary>
    private static T WithProgress<T>(ToolConsole console, Func<Phases, T> work) =>
        console.Interactive
            ? console.RichError.Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
                .Start(context => work(new Phases(context)))
            : work(new Phases(null));

    /// <summary>The phases of one run, each shown as a task filling over its expected duration.</summary>
    private sealed class Phases(ProgressContext? context)
    {
        public TResult Phase<TResult>(string name, TimeSpan expected, Func<TResult> measure)
        {
            if (context is null)
            {
                return measure();
            }

            var task = context.AddTask(name, maxValue: expected.TotalSeconds);
            var running = Task.Run(measure);
            var clock = Stopwatch.StartNew();
            while (!running.Wait(TimeSpan.FromMilliseconds(100)))
            {
                task.Value = Math.Min(task.MaxValue, clock.Elapsed.TotalSeconds);
            }

            task.Value = task.MaxValue;
            task.StopTask();
            return running.Result;
        }
    }
}
