using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ScreenPopup.Cli.Reports;
using ScreenPopup.Serialization;
using Spectre.Console;

namespace ScreenPopup.Cli.Commands;

/// <summary><c>screenpopup simulate</c>: plays simulated interactions through a configuration and tabulates the decisions.</summary>
internal static class SimulateCommand
{
    private static readonly string[] Callers =
    [
        "+390212345678", "+41445551234", "anna@example.com", "@luca", "0612345678",
        "'); throw new Error('x'); ('", "\"><script>alert(1)</script>", "{$ACCESS_TOKEN}", "1\" & calc & \"",
        "+39\u202E876", "line\r\nbreak", "[red]markup[/]", "1|2|3", new string('9', 5000),
    ];

    private const string SimulatedToken = "simulated-token";

    public static Command Create(ToolConsole console)
    {
        var config = ToolOptions.Config("A configuration file (default: the built-in sample, three services, one with a script bug).");
        var calls = ToolOptions.PositiveInt("--calls", 20, "How many interactions to play (default 20).");
        var seed = ToolOptions.NonNegativeInt("--seed", 1, "The seed: the same seed plays the same interactions (default 1).");
        var format = ToolOptions.Format("text", "json");
        var command = new Command("simulate", """
            Play simulated interactions (hostile caller data included) and tabulate the decisions.
            Exit code: 0; 2 usage or input-file error.
            """)
        {
            config, calls, seed, format,
        };
        command.SetAction(result => Run(console, result.GetValue(config), result.GetValue(calls), result.GetValue(seed), result.GetValue(format)!));
        return command;
    }

    private static int Run(ToolConsole console, string? configFile, int calls, int seed, string format)
    {
        var options = configFile is null ? Configurations.Sample() : Configurations.FromConfig(configFile);
        var services = options.Services.Keys.Append("UNKNOWN").ToArray();
        var evaluator = Configurations.Compile(options, configFile ?? "built-in sample");
        var random = new Random(seed);
        var interactions = new List<(PopupRequest Request, PopupDecision Decision, string Outcome)>();
        for (var i = 1; i <= calls; i++)
        {
            var request = Interaction(random, services, session: random.Next(Math.Max(2, calls / 3)));
            var decision = DecisionOutput.Masked(evaluator.Evaluate(request), request);
            var outcome = decision.Reason is { } reason ? $"{PopupJson.WireName(decision.Action)}/{PopupJson.WireName(reason)}" : PopupJson.WireName(decision.Action);
            interactions.Add((request, decision, outcome));
        }

        var summary = new SortedDictionary<string, int>(StringComparer.Ordinal);
        interactions.ForEach(x => summary[x.Outcome] = summary.GetValueOrDefault(x.Outcome) + 1);
        if (format == "json")
        {
            var report = new SimulateReport(seed, calls, [.. interactions.Select((x, i) => new SimulatedInteraction(
                i + 1, Element(PopupJson.Serialize(x.Request with { Agent = x.Request.Agent with { AccessToken = "***" } })), x.Outcome, Element(PopupJson.Serialize(x.Decision))))], summary);
            console.Output.WriteLine(JsonSerializer.Serialize(report, ReportJson.Default.SimulateReport));
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("#", "trigger", "role", "channel", "service", "caller", "decision", "where / why");
        table.Border = console.TableBorder;
        for (var i = 0; i < interactions.Count; i++)
        {
            var (request, decision, outcome) = interactions[i];
            var channel = request.Channel == PopupChannel.Custom ? $"custom:{request.Call.ChannelId}" : PopupJson.WireName(request.Channel);
            table.AddRow(
                new Text((i + 1).ToString(CultureInfo.InvariantCulture)), new Text(PopupJson.WireName(request.Trigger)), new Text(PopupJson.WireName(request.Role)),
                console.Cell(channel), console.Cell(TerminalText.Printable(request.Call.Service, 20)), console.Cell(TerminalText.Printable(request.Call.Cli, 20)),
                new Text(outcome, console.Colour ? new Style(OutcomeColour(decision.Action)) : Style.Plain), console.Cell(TerminalText.Printable(Detail(decision), 80)));
        }

        console.Write(table);
        console.Output.WriteLine();
        console.Output.WriteLine($"{calls} interactions (seed {seed}):");
        foreach (var (outcome, count) in summary)
        {
            console.Output.WriteLine($"  {outcome,-28} {count,5}");
        }

        return ExitCodes.Success;
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static PopupRequest Interaction(Random random, string[] services, int session)
    {
        var channels = Enum.GetValues<PopupChannel>();
        var triggers = Enum.GetValues<PopupTrigger>();
        var channel = channels[random.Next(channels.Length)];
        return new PopupRequest
        {
            Trigger = triggers[random.Next(triggers.Length)],
            Role = random.Next(7) == 0 ? PopupRole.Responder : PopupRole.Agent,
            Channel = channel,
            Call = new CallVariables
            {
                Service = services[random.Next(services.Length)],
                Cli = Callers[random.Next(Callers.Length)],
                CallType = random.Next(5) == 0 ? "consult" : "inbound",
                ChannelId = channel == PopupChannel.Custom ? (random.Next(2) == 0 ? "telegram" : "line") : "",
                ChannelSessionId = $"s-{session}",
                ChannelData = random.Next(3) == 0 ? "account=4711" : "lang=it",
            },
            Agent = new AgentVariables { Username = "agent", AccessToken = SimulatedToken },
        };
    }

    private static string Detail(PopupDecision decision) => decision.Action switch
    {
        PopupAction.Open => $"{PopupJson.WireName(decision.WebClient!.Target)}{(decision.WebClient.Focus ? "" : " (background)")}: {decision.Url}",
        PopupAction.RunBatch => $"batch {decision.Batch!.File}",
        _ => decision.Message ?? "",
    };

    private static Color OutcomeColour(PopupAction action) => action switch
    {
        PopupAction.Open => Color.Green,
        PopupAction.Error => Color.Red,
        PopupAction.RunBatch => Color.Blue,
        _ => Color.Grey,
    };
}
