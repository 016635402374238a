using System.CommandLine;
using ScreenPopup.Diagnostics;
using ScreenPopup.Legacy;
using ScreenPopup.Serialization;

namespace ScreenPopup.Cli.Commands;

/// <summary><c>screenpopup run-bat</c>: evaluates a legacy request and runs its batch file through the runner.</summary>
internal static class RunBatCommand
{
    public static Command Create(ToolConsole console)
    {
        var request = ToolOptions.Request("One legacy request (.json).");
        var config = ToolOptions.Config();
        config.Required = true;
        var interpreter = new Option<string>("--interpreter")
        {
            Description = "Replaces cmd.exe, split into words like a shell does, such as \"/usr/lib/wine/wine64 cmd\"; /d /c <batch file> is appended. Needed off Windows.",
            HelpName = "\"CMD ...\"",
        };
        var command = new Command("run-bat", """
            Evaluate a legacy request and run its batch file; print its exit code and output.
            Exit code: 0 the batch exited 0; 1 not runBatch, or the batch failed, timed out or could not run; 2 usage or input error.
            """)
        {
            request, config, interpreter,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            console,
            RequestReader.Open(result.GetRequiredValue(request), console).Single("run-bat"),
            result.GetRequiredValue(config),
            result.GetValue(interpreter) is { } commandLine ? ParseInterpreter(commandLine) : null,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ToolConsole console, PopupRequest request, string configFile, BatchInterpreter? interpreter, CancellationToken cancellationToken)
    {
        var output = console.Output;
        var error = console.Error;
        var decision = Configurations.Compile(Configurations.FromConfig(configFile), configFile).Evaluate(request, cancellationToken);
        if (decision is not { Action: PopupAction.RunBatch, Batch: { } batch })
        {
            output.WriteLine(DecisionOutput.Json(decision, request, indented: true));
            error.WriteLine($"the decision is {PopupJson.WireName(decision.Action)}, not runBatch: no batch was run");
            return ExitCodes.Failure;
        }

        foreach (var diagnostic in decision.Diagnostics)
        {
            error.WriteLine(DiagnosticFormatter.Format(batch.File, diagnostic));
        }

        using var runner = new LegacyBatRunner(new LegacyBatRunnerOptions { Interpreter = interpreter });
        var result = await runner.RunAsync(batch, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"batch: {batch.File}");
        output.WriteLine(result.Status switch
        {
            BatchRunStatus.Completed => $"exit code: {result.ExitCode}",
            BatchRunStatus.TimedOut => $"timed out: {result.Message}",
            _ => $"unavailable (batchUnavailable): {result.Message}",
        });
        // The batch's own output is printed as it is, except the secrets it was given: a batch that echoes %PIN% shows ***.
        output.WriteLine("--- stdout ---");
        output.Write(DecisionOutput.MaskSecrets(result.StandardOutput, batch));
        output.WriteLine("--- stderr ---");
        output.Write(DecisionOutput.MaskSecrets(result.StandardError, batch));
        if (result.OutputTruncated)
        {
            output.WriteLine("(output truncated)");
        }

        return result is { Status: BatchRunStatus.Completed, ExitCode: 0 } ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static BatchInterpreter ParseInterpreter(string commandLine)
    {
        try
        {
            return BatchInterpreter.Parse(commandLine);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--interpreter: {(e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message)}");
        }
    }
}
