using ScreenPopup.Cli.Commands;

namespace ScreenPopup.Cli;

/// <summary>The <c>screenpopup</c> tool: dispatches commands, prints help, turns input errors into one line and exit code 2.</summary>
internal static class CliApp
{
    internal const string Help = """
        screenpopup — test ScreenPopup scripts and configurations without placing calls.

        Usage: screenpopup <command> [options]

        Commands:
          evaluate   print the decision for each request of a .json or .jsonl file
          check      compile a script or configuration and dry-run every trigger; print diagnostics
          simulate   play simulated interactions (hostile ones included) and tabulate the decisions
          bench      measure decisions per second, latency and allocations beside a plain C# baseline
          run-bat    evaluate a legacy request and run its batch file

        Run 'screenpopup <command> --help' for a command's options.
        """;

    private static readonly Dictionary<string, (string Help, string[] Options)> Commands = new(StringComparer.Ordinal)
    {
        ["evaluate"] = (EvaluateCommand.Help, ["request", "script", "config"]),
        ["check"] = (CheckCommand.Help, ["script", "config"]),
        ["simulate"] = (SimulateCommand.Help, ["config", "calls", "seed"]),
        ["bench"] = (BenchCommand.Help, ["request", "script", "config", "seconds", "threads"]),
        ["run-bat"] = (RunBatCommand.Help, ["request", "config", "interpreter"]),
    };

    /// <summary>Runs the tool.</summary>
    /// <returns>The exit code: 0 success, 1 an error decision or diagnostic, 2 a usage or input-file error.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Help);
            return args.Count == 0 ? 2 : 0;
        }

        if (!Commands.TryGetValue(args[0], out var command))
        {
            error.WriteLine($"screenpopup: unknown command '{args[0]}'; run 'screenpopup --help'");
            return 2;
        }

        try
        {
            var line = CommandLine.Parse(args[0], [.. args.Skip(1)], command.Options);
            if (line.HelpRequested)
            {
                output.WriteLine(command.Help);
                return 0;
            }

            return args[0] switch
            {
                "evaluate" => EvaluateCommand.Run(line, output),
                "check" => CheckCommand.Run(line, output),
                "simulate" => SimulateCommand.Run(line, output),
                "bench" => BenchCommand.Run(line, output),
                _ => await RunBatCommand.RunAsync(line, output, error).ConfigureAwait(false),
            };
        }
        catch (CliException e)
        {
            error.WriteLine($"screenpopup {args[0]}: {e.Message}");
            return 2;
        }
        catch (IOException e)
        {
            error.WriteLine($"screenpopup {args[0]}: {e.Message}");
            return 2;
        }
    }
}
