using System.CommandLine;
using System.Reflection;
using System.CommandLine.Invocation;
using System.CommandLine.Help;
using ScreenPopup.Cli.Commands;

namespace ScreenPopup.Cli;

/// <summary>
/// The <c>screenpopup</c> tool's entry point: parses the command line (System.CommandLine: <c>--opt value</c> and
/// <c>--opt=value</c>, <c>--help</c>, <c>--version</c>, <c>[suggest]</c> completions), runs the command, and turns
/// usage and input errors into one line on standard error and exit code 2.
/// </summary>
public static class ScreenPopupTool
{
    /// <summary>Runs the tool, as <c>screenpopup</c> with these arguments does.</summary>
    /// <param name="args">The arguments after the tool's name.</param>
    /// <param name="console">Where to read and write.</param>
    /// <param name="cancellationToken">Stops a long command (Ctrl+C in the process).</param>
    /// <returns>The exit code: 0 success, 1 an error decision, diagnostic or failed batch, 2 a usage or input-file error.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ToolConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = CreateRootCommand(console);
        try
        {
            if (args.Count == 0)
            {
                // A usage error: the help goes to standard error, so nothing lands in a file the output was sent to.
                await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = console.Error, Error = console.Error }, cancellationToken).ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            // No response files: "@calls.jsonl" would be read as arguments, and a usage error would echo its content (secrets).
            var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            // Errors win over --help and --version too: "evaluate --help --bogus" printed the help and succeeded, since
            // System.CommandLine does not report what it left unmatched when help is asked for. (Completions, the
            // [suggest] directive, work on unfinished words: they are not errors there.)
            var helpOrVersion = parsed.Action is HelpAction or ToolVersionAction;
            if (parsed.Action is ParseErrorAction || (helpOrVersion && (parsed.Errors.Count > 0 || parsed.UnmatchedTokens.Count > 0)))
            {
                var command = parsed.CommandResult.Command;
                var name = command == root ? "screenpopup" : $"screenpopup {command.Name}";
                // With no command, "Required command was not provided." comes with the real mistake (an unknown command): say that one.
                var errors = parsed.Errors.Count > 1 ? parsed.Errors.Where(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal)) : parsed.Errors;
                var messages = MissingValue(command, args)
                    ?? (parsed.Errors.Count > 0
                        ? string.Join(" ", errors.Select(e => OneLine(e.Message)))
                        : string.Join(" ", parsed.UnmatchedTokens.Select(token => $"Unrecognized command or argument '{token}'.")));
                console.Error.WriteLine($"{name}: {messages} See '{name} --help'.");
                return ExitCodes.UsageOrInput;
            }

            // The caller's token is the interruption (Program wires Ctrl+C and SIGTERM to it): System.CommandLine's own handler is off.
            var configuration = new InvocationConfiguration { Output = console.Output, Error = console.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            var exitCode = await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            await console.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false); // a full disk is a failure too
            return exitCode;
        }
        catch (Exception e) when (e is CliException or IOException or UnauthorizedAccessException)
        {
            return Failed(console, args, e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: stop without a stack trace, as a shell expects of an interrupted program.
            return ExitCodes.Interrupted;
        }
        finally
        {
            try
            {
                // What an error path wrote before it: best effort, the error itself is already said.
                await console.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The output is gone (a full disk, a closed pipe): the error line on standard error stands.
            }
        }
    }

    /// <summary>The command tree: the root lists the commands; <c>--version</c> and the <c>[suggest]</c> directive come with it.</summary>
    private static RootCommand CreateRootCommand(ToolConsole console)
    {
        var root = new RootCommand("screenpopup: test ScreenPopup scripts and configurations without placing calls.")
        {
            EvaluateCommand.Create(console),
            CheckCommand.Create(console),
            SimulateCommand.Create(console),
            BenchCommand.Create(console),
            RunBatCommand.Create(console),
        };
        root.HelpName = "screenpopup";
        root.Options.OfType<VersionOption>().Single().Action = new ToolVersionAction();
        return root;
    }

    private static int Failed(ToolConsole console, IReadOnlyList<string> args, Exception e)
    {
        console.Error.WriteLine($"screenpopup {(args.Count > 0 ? args[0] : "")}: {OneLine(e.Message)}");
        return ExitCodes.UsageOrInput;
    }

    /// <summary>
    /// An option followed by another option lacks its value. System.CommandLine takes <c>--request --script a.js</c> as
    /// the request file "--script" and reports "a.js" as unknown; the mistake to report is the missing value.
    /// </summary>
    private static string? MissingValue(Command command, IReadOnlyList<string> args)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i + 1].StartsWith("--", StringComparison.Ordinal)
                && command.Options.FirstOrDefault(o => o.Name == args[i] && o.Arity.MaximumNumberOfValues > 0) is { } option)
            {
                return $"{option.Name} needs a value, not the option '{args[i + 1]}'.";
            }
        }

        return null;
    }

    /// <summary>Errors are one line: System.CommandLine lists allowed values on lines of their own.</summary>
    private static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The tool's version, as <c>--version</c> prints it (the informational version: the package version and the commit).</summary>
    internal static string Version { get; } =
        typeof(ScreenPopupTool).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>
    /// <c>--version</c> prints the tool's version, not the host process's (an in-process caller's entry assembly). Anything
    /// after it is a usage error, reported before this runs.
    /// </summary>
    private sealed class ToolVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Success;
        }
    }
}
