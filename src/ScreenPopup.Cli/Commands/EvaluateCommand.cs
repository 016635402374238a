namespace ScreenPopup.Cli.Commands;

/// <summary><c>screenpopup evaluate</c>: prints the decision for each request, in order, from one evaluator.</summary>
internal static class EvaluateCommand
{
    internal const string Help = """
        Usage: screenpopup evaluate --request FILE (--script FILE.js | --config FILE.json)

        Prints the decision (JSON, the wire format of docs/wire-format.md) for each request: one indented document for a .json file, one compact
        line per request for a .jsonl file (evaluated in order by one evaluator, so duplicates and isolation behave as in
        a host). With --script, the script serves every service code and channel, in server mode, TVox Client target
        browser. With --config, ScriptFile and BatchFile paths are relative to the configuration file.
        Secrets are printed as ***.

        Exit code: 0 when every decision is open, none or runBatch; 1 when any is error; 2 for usage or input-file errors.
        """;

    public static int Run(CommandLine line, TextWriter output)
    {
        var requestFile = line.Require("request");
        var choice = line.OneOf("script", "config", required: true)!.Value;
        var requests = RequestFiles.Read(requestFile, out var isLines);
        var evaluator = Configurations.Compile(Configurations.FromChoice(choice), choice.Value);

        var anyError = false;
        foreach (var request in requests)
        {
            var decision = evaluator.Evaluate(request);
            anyError |= decision.Action == PopupAction.Error;
            output.WriteLine(DecisionOutput.Json(decision, request, indented: !isLines));
        }

        return anyError ? 1 : 0;
    }
}
