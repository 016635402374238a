using System.CommandLine;
using ScreenPopup.Cli.Reports;
using ScreenPopup.Serialization;

namespace ScreenPopup.Cli.Commands;

/// <summary><c>screenpopup check</c>: compiles, then dry-runs every trigger with sample variables, and reports the diagnostics as text, JSON or SARIF.</summary>
internal static class CheckCommand
{
    private static readonly AgentVariables SampleAgent = new() { Username = "agent", SystemUsername = "AGENT-PC\\agent" };

    public static Command Create(ToolConsole console)
    {
        var script = ToolOptions.Script();
        var config = ToolOptions.Config();
        var format = ToolOptions.Format("text", "json", "sarif");
        var command = new Command("check", """
            Compile, dry-run every trigger of every service with sample variables, and report the diagnostics.
            Exit code: 0 no error (warnings allowed); 1 any error; 2 usage or input-file error.
            """)
        {
            script, config, format,
        };
        ToolOptions.OneOf(command, script, config);
        command.SetAction(result =>
        {
            var choice = ToolOptions.Choice(result, script, config)!.Value;
            var findings = Check(choice);
            var errors = findings.Count(f => f.Diagnostic.Severity == DiagnosticSeverity.Error);
            switch (result.GetValue(format))
            {
                case "json":
                    console.Output.WriteLine(CheckReports.Json(choice.Value, findings));
                    break;
                case "sarif":
                    console.Output.WriteLine(CheckReports.Sarif(findings));
                    break;
                default:
                    CheckReports.Text(console, choice.Value, findings);
                    break;
            }

            return errors > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static List<CheckFinding> Check((string Name, string Value) choice)
    {
        var findings = new List<CheckFinding>();
        PopupEvaluator evaluator;
        var options = Configurations.FromChoice(choice);
        try
        {
            // The configuration as written first (its channels and call types too), then, for the dry run, a second
            // copy with every filter set aside.
            _ = PopupEvaluator.Create(options);
            options = Configurations.FromChoice(choice);
            evaluator = PopupEvaluator.Create(ForDryRun(options));
        }
        catch (ScreenPopupConfigurationException e)
        {
            foreach (var problem in e.Problems)
            {
                findings.Add(problem.Diagnostic is { } diagnostic
                    ? Finding(problem.SourceName, problem.Path, choice, ServiceOf(problem.Path), diagnostic, triggers: null)
                    : new CheckFinding(choice.Value, choice.Value, choice.Value, ServiceOf(problem.Path),
                        new PopupDiagnostic { Severity = DiagnosticSeverity.Error, Code = "configuration", Message = problem.ToString() }, Triggers: null));
            }

            return findings;
        }

        if (options.Services.Count == 0)
        {
            // Valid (a host may add services in code), but a configuration to check that has none decides nothing.
            findings.Add(new CheckFinding(choice.Value, choice.Value, choice.Value, Service: null, new PopupDiagnostic
            {
                Severity = DiagnosticSeverity.Warning,
                Code = "noServices",
                Message = $"the configuration has no services: every request is decided none/serviceUnknown; add one under {ScreenPopupOptions.SectionName}:Services",
            }, Triggers: null));
        }

        var triggers = Enum.GetValues<PopupTrigger>();
        foreach (var (code, service) in options.Services)
        {
            var sourceName = service.ScriptFile ?? (service.Mode == PopupMode.LegacyBat ? service.BatchFile : "Script");
            var configurationPath = $"{ScreenPopupOptions.SectionName}:Services:{code}";
            // A diagnostic is a record: the same one found on several triggers is one key (insertion order kept for output).
            var found = new Dictionary<PopupDiagnostic, List<string>>();
            foreach (var trigger in triggers)
            {
                foreach (var diagnostic in Diagnostics(evaluator.Evaluate(SampleRequest(code, trigger))))
                {
                    if (!found.TryGetValue(diagnostic, out var foundOn))
                    {
                        found[diagnostic] = foundOn = [];
                    }

                    foundOn.Add(PopupJson.WireName(trigger));
                }
            }

            foreach (var (diagnostic, foundOn) in found)
            {
                findings.Add(Finding(sourceName, configurationPath, choice, code, diagnostic, foundOn));
            }

            foreach (var diagnostic in evaluator.ScriptOf(code)?.Diagnostics ?? [])
            {
                findings.Add(Finding(sourceName, configurationPath, choice, code, diagnostic, triggers: null));
            }
        }

        return findings;
    }

    /// <summary>A finding in a script: a lone <c>--script</c>, a script file of the configuration, or an inline script (positions inside the JSON string).</summary>
    private static CheckFinding Finding(string? sourceName, string configurationPath, (string Name, string Value) choice, string? service, PopupDiagnostic diagnostic, IReadOnlyList<string>? triggers)
    {
        if (choice.Name == "script")
        {
            return new CheckFinding(choice.Value, choice.Value, choice.Value, service, diagnostic, triggers);
        }

        if (sourceName is null or "Script")
        {
            return new CheckFinding($"{choice.Value}#{configurationPath}:Script", null, choice.Value, service, diagnostic, triggers);
        }

        // A ScriptFile or BatchFile is relative to the configuration file; shown and located relative to the working directory.
        var file = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(sourceName, Path.GetDirectoryName(Path.GetFullPath(choice.Value))!));
        return new CheckFinding(file, file, file, service, diagnostic, triggers);
    }

    private static string? ServiceOf(string configurationPath) =>
        configurationPath.Split(':') is [_, "Services", var code, ..] ? code : null;

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

    /// <summary>A decision's diagnostics, plus an error for an error that carries no diagnostic (URL and placeholder errors).</summary>
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
}
