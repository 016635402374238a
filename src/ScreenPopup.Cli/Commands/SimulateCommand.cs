using ScreenPopup.Serialization;

namespace ScreenPopup.Cli.Commands;

/// <summary><c>screenpopup simulate</c>: plays simulated interactions through a configuration and tabulates the decisions.</summary>
internal static class SimulateCommand
{
    internal const string Help = """
        Usage: screenpopup simulate [--config FILE.json] [--calls N] [--seed S]

        Plays N simulated interactions (default 20) through the configuration (the built-in sample when none is given):
        mixed services, channels, roles, triggers and call types, repeated events, and hostile caller data (script
        fragments, quotes, placeholders, control and bidirectional characters, very long values). Prints one row per
        interaction and a summary by action and reason. The same seed (default 1) plays the same interactions.

        Exit code: 0; 2 for usage or input-file errors.
        """;

    private static readonly string[] Callers =
    [
        "+390212345678", "+41445551234", "anna@example.com", "@luca", "0612345678",
        "'); throw new Error('x'); ('", "\"><script>alert(1)</script>", "{$ACCESS_TOKEN}", "1\" & calc & \"",
        "+39\u202E876", "line\r\nbreak", new string('9', 5000),
    ];

    public static int Run(CommandLine line, TextWriter output)
    {
        var calls = line.PositiveInt("calls", 20);
        var seed = line.PositiveInt("seed", 1);
        var configFile = line.Get("config");
        var options = configFile is null ? Configurations.Sample() : Configurations.FromConfig(configFile);
        var services = options.Services.Keys.Append("UNKNOWN").ToArray();
        var evaluator = Configurations.Compile(options, configFile ?? "built-in sample");
        var random = new Random(seed);
        var table = new TextTable("#", "trigger", "role", "channel", "service", "caller", "decision", "where / why");
        var summary = new SortedDictionary<string, int>(StringComparer.Ordinal);

        for (var i = 1; i <= calls; i++)
        {
            var request = Interaction(random, services, session: random.Next(Math.Max(2, calls / 3)));
            var decision = DecisionOutput.Masked(evaluator.Evaluate(request), request);
            var outcome = decision.Reason is { } reason ? $"{PopupJson.WireName(decision.Action)}/{PopupJson.WireName(reason)}" : PopupJson.WireName(decision.Action);
            summary[outcome] = summary.GetValueOrDefault(outcome) + 1;
            var channel = request.Channel == PopupChannel.Custom ? $"custom:{request.Call.ChannelId}" : PopupJson.WireName(request.Channel);
            table.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), PopupJson.WireName(request.Trigger), PopupJson.WireName(request.Role), channel, request.Call.Service,
                TextTable.Printable(request.Call.Cli, 20), outcome, TextTable.Printable(Detail(decision), 80));
        }

        table.Print(output);
        output.WriteLine();
        output.WriteLine($"{calls} interactions (seed {seed}):");
        foreach (var (outcome, count) in summary)
        {
            output.WriteLine($"  {outcome,-28} {count,5}");
        }

        return 0;
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
            Agent = new AgentVariables { Username = "agent", AccessToken = "simulated-token" },
        };
    }

    private static string Detail(PopupDecision decision) => decision.Action switch
    {
        PopupAction.Open => $"{PopupJson.WireName(decision.WebClient!.Target)}{(decision.WebClient.Focus ? "" : " (background)")}: {decision.Url}",
        PopupAction.RunBatch => $"batch {decision.Batch!.File}",
        _ => decision.Message ?? "",
    };
}
