using ScreenPopup;
using ScreenPopup.Demo;

// The README's quick start, then a short simulated shift through the sample configuration.
var quickStart = QuickStart.Run();
Console.WriteLine("Quick start");
Console.WriteLine($"  {quickStart.Action}: {quickStart.Url} (WebClient: {quickStart.WebClient})");
Console.WriteLine();

var evaluator = PopupEvaluator.Create(SampleConfiguration.Create());
var openTabs = new HashSet<string>(StringComparer.Ordinal);
var agent = new AgentVariables { Username = "mrossi", SystemUsername = "MROSSI-PC\\mario" };

Console.WriteLine("A simulated shift (agent mrossi)");
var table = new ShiftTable();
foreach (var step in Shift.Steps(agent))
{
    var request = step.Request with { OpenTabs = [.. openTabs] };
    var decision = evaluator.Evaluate(request);
    if (decision.WebClient is { Target: WebClientTarget.NamedTab, TabName: { } tab })
    {
        openTabs.Add(tab);
    }

    table.Add(step.Time, request, decision);
}

// In a file or a pipe there is no terminal width to fit: lay the table out wide rather than wrap it at 80.
var console = Spectre.Console.AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    console.Profile.Width = 200;
}

table.Print(console);
