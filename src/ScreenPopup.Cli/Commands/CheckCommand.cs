using ScreenPopup.Diagnostics;
using ScreenPopup.Serialization;

namespace ScreenPopup.Cli.Commands;

/// <summary><c>screenpopup check</c>: compiles, then dry-runs every trigger with sample variables, and prints diagnostics.</summary>
internal static class CheckCommand
{
    internal const string Help = """
        Usage: screenpopup check (--script FILE.js | --config FILE.json)

        Compiles the script (or every script of the configuration and its other settings), then runs every trigger of
        every service once with sample call variables, its channel and call-type filters set aside, and prints each
        diagnostic as
            file(line,col): severity code: message
        followed by a summary line. An info line says when a script's top level runs on every call rather than once
        per engine, and why.

        Exit code: 0 when there is no error (warnings allowed); 1 on any error; 2 for usage or input-file errors.
        """;

    private static readonly AgentVariables SampleAgent = new() { Username = "agent", SystemUsername = "AGENT-PC\\agent" };

    public static int Run(CommandLine line, TextWriter output)
    {
        var choice = line.OneOf("script", "config", required: true)!.Value;
        var options = Configurations.FromChoice(choice);
        var lines = new List<string>();
        var errors = 0;
        var warnings = 0;

        PopupEvaluator? evaluator = null;
        try
        {
            evaluator = PopupEvaluator.Create(ForDryRun(options));
        }
        catch (ScreenPopupConfigurationException e)
        {
            foreach (var problem in e.Problems)
            {
                lines.Add(problem.Diagnostic is { } diagnostic
                    ? DiagnosticFormatter.Format(ScriptName(problem.SourceName, problem.Path, choice), diagnostic)
                    : $"{choice.Value}: error configuration: {problem}");
                errors++;
            }
        }

        if (evaluator is not null)
        {
            foreach (var (code, service) in options.Services)
            {
                var scriptName = ScriptName(service.ScriptFile ?? (service.Mode == PopupMode.LegacyBat ? service.BatchFile : "Script"), $"ScreenPopup:Services:{code}", choice);
                var found = new Dictionary<string, (PopupDiagnostic Diagnostic, List<string> Triggers)>(StringComparer.Ordinal);
                foreach (var trigger in Enum.GetValues<PopupTrigger>())
                {
                    foreach (var diagnostic in Diagnostics(evaluator.Evaluate(SampleRequest(code, trigger))))
                    {
                        var key = DiagnosticFormatter.Format(scriptName, diagnostic);
                        if (!found.TryGetValue(key, out var entry))
                        {
                            found[key] = entry = (diagnostic, []);
                        }

                        entry.Triggers.Add(PopupJson.WireName(trigger));
                    }
                }

                foreach (var (key, (diagnostic, triggers)) in found)
                {
                    lines.Add(triggers.Count == Enum.GetValues<PopupTrigger>().Length ? key : $"{key} (on {string.Join(", ", triggers)})");
                    errors += diagnostic.Severity == DiagnosticSeverity.Error ? 1 : 0;
                    warnings += diagnostic.Severity == DiagnosticSeverity.Warning ? 1 : 0;
                }

                foreach (var diagnostic in evaluator.ScriptOf(code)?.Diagnostics ?? [])
                {
                    lines.Add(DiagnosticFormatter.Format(scriptName, diagnostic));
                    warnings += diagnostic.Severity == DiagnosticSeverity.Warning ? 1 : 0;
                }
            }
        }

        lines.ForEach(output.WriteLine);
        output.WriteLine($"{choice.Value}: {errors} error(s), {warnings} warning(s)");
        return errors > 0 ? 1 : 0;
    }

    /// <summary>Every service enabled, on every channel and call type, without duplicate suppression: the dry run reaches every script.</summary>
    private static ScreenPopupOptions ForDryRun(ScreenPopupOptions options)
    {
        foreach (var service in options.Services.Values.Where(s => s is not null))
        {
            service.Enabled = true;
            service.Channels = [];
            service.CallTypes = [];
        }

        options.DuplicateSuppression.Enabled = false;
        return options;
    }

    /// <summary>A decision's diagnostics, plus an error line for an error that carries no diagnostic (URL and placeholder errors).</summary>
    private static IEnumerable<PopupDiagnostic> Diagnostics(PopupDecision decision)
    {
        foreach (var diagnostic in decision.Diagnostics)
        {
            yield return diagnostic;
        }

        if (decision is { Action: PopupAction.Error, Reason: { } reason } && !decision.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            yield return new PopupDiagnostic { Severity = DiagnosticSeverity.Error, Code = PopupJson.WireName(reason), Message = decision.Message ?? "" };
        }
    }

    private static PopupRequest SampleRequest(string service, PopupTrigger trigger) => new()
    {
        Trigger = trigger,
        Channel = PopupChannel.Phone,
        Call = new CallVariables
        {
            Service = service, Cli = "+390212345678", Dnis = "0287654321", Skillset = "sample", CallType = "inbound", LastCallId = "c-1",
            OriginSite = "SITE-A", DistributionSite = "SITE-B", ChannelId = "sample", ChannelSessionId = "s-1", ChannelData = "sample", ChannelDescription = "sample",
            PopupInfo = ["sample"],
        },
        Agent = SampleAgent,
    };

    private static string ScriptName(string? sourceName, string path, (string Name, string Value) choice) =>
        choice.Name == "script" ? choice.Value : sourceName is null or "Script" ? $"{choice.Value}#{path}:Script" : sourceName;
}
