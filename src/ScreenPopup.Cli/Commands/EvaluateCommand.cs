using System.CommandLine;

namespace ScreenPopup.Cli.Commands;

/// <summary><c>screenpopup evaluate</c>: writes the decision for each request, in order, from one evaluator, as the requests stream in.</summary>
internal static class EvaluateCommand
{
    public static Command Create(ToolConsole console)
    {
        var request = ToolOptions.Request("A .json request, a .jsonl file of requests (one per line), or - for JSON Lines on standard input.");
        var script = ToolOptions.Script();
        var config = ToolOptions.Config();
        var command = new Command("evaluate", """
            Print the decision JSON for each request, in order, from one evaluator; JSON Lines stream (one compact line each).
            Exit code: 0 every decision open, none or runBatch; 1 any error decision; 2 usage or input error.
            """)
        {
            request, script, config,
        };
        ToolOptions.OneOf(command, script, config);
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(console, RequestReader.Open(result.GetRequiredValue(request), console), ToolOptions.Choice(result, script, config)!.Value, cancellationToken)));
        return command;
    }

    private static int Run(ToolConsole console, RequestReader requests, (string Name, string Value) choice, CancellationToken cancellationToken)
    {
        var options = Configurations.FromChoice(choice);
        PopupEvaluator Compile() => Configurations.Compile(options, choice.Value);
        if (requests.IsLines)
        {
            var anyError = DecisionPipeline.Run(console, requests, Compile, cancellationToken);
            return anyError ? ExitCodes.Failure : ExitCodes.Success;
        }

        var evaluator = Compile();
        var single = requests.Single("evaluate");
        var decision = evaluator.Evaluate(single, cancellationToken);
        console.Output.WriteLine(DecisionOutput.Json(decision, single, indented: true));
        return decision.Action == PopupAction.Error ? ExitCodes.Failure : ExitCodes.Success;
    }
}
