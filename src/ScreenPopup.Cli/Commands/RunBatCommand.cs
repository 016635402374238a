using ScreenPopup.Diagnostics;
using ScreenPopup.Legacy;

namespace ScreenPopup.Cli.Commands;

/// <summary><c>screenpopup run-bat</c>: evaluates a legacy request and runs its batch file through the runner.</summary>
internal static class RunBatCommand
{
    internal const string Help = """
        Usage: screenpopup run-bat --request FILE.json --config FILE.json [--interpreter "CMD ..."]

        Evaluates the request; when the decision is runBatch, runs the batch file with the legacy variables in its
        environment (the parent environment plus PIN, USERNAME, CLI, …, after the value policy) and prints the exit
        code and captured output. --interpreter replaces cmd.exe (split into words like a shell does, such as
        "/usr/lib/wine/wine64 cmd"); the runner still appends /d /c <batch file>. Off Windows, --interpreter is needed.

        Exit code: 0 when the batch ran and exited 0; 1 when the decision is not runBatch, or the batch failed, timed out
        or could not run; 2 for usage or input-file errors.
        """;

    public static async Task<int> RunAsync(CommandLine line, TextWriter output, TextWriter error)
    {
        var requestFile = line.Require("request");
        var configFile = line.Require("config");
        var requests = RequestFiles.Read(requestFile, out var isLines);
        if (isLines || requests.Count != 1)
        {
            throw new CliException($"{requestFile}: run-bat takes one request (.json)");
        }

        var interpreter = line.Get("interpreter") is { } commandLine ? ParseInterpreter(commandLine) : null;
        var request = requests[0];
        var decision = Configurations.Compile(Configurations.FromConfig(configFile), configFile).Evaluate(request);
        if (decision is not { Action: PopupAction.RunBatch, Batch: { } batch })
        {
            output.WriteLine(DecisionOutput.Json(decision, request, indented: true));
            error.WriteLine($"the decision is {decision.Action.ToString().ToLowerInvariant()}, not runBatch: no batch was run");
            return 1;
        }

        foreach (var diagnostic in decision.Diagnostics)
        {
            error.WriteLine(DiagnosticFormatter.Format(batch.File, diagnostic));
        }

        using var runner = new LegacyBatRunner(new LegacyBatRunnerOptions { Interpreter = interpreter });
        var result = await runner.RunAsync(batch).ConfigureAwait(false);
        output.WriteLine($"batch: {batch.File}");
        output.WriteLine(result.Status switch
        {
            BatchRunStatus.Completed => $"exit code: {result.ExitCode}",
            BatchRunStatus.TimedOut => $"timed out: {result.Message}",
            _ => $"unavailable (batchUnavailable): {result.Message}",
        });
        output.WriteLine("--- stdout ---");
        output.Write(result.StandardOutput);
        output.WriteLine("--- stderr ---");
        output.Write(result.StandardError);
        if (result.OutputTruncated)
        {
            output.WriteLine("(output truncated)");
        }

        return result is { Status: BatchRunStatus.Completed, ExitCode: 0 } ? 0 : 1;
    }

    private static BatchInterpreter ParseInterpreter(string commandLine)
    {
        try
        {
            return BatchInterpreter.Parse(commandLine);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--interpreter: {e.Message}");
        }
    }
}
