using System.Text.Json;
using ScreenPopup.Diagnostics;

namespace ScreenPopup.Cli.Reports;

/// <summary>The three ways <c>check</c> reports its findings.</summary>
internal static class CheckReports
{
    /// <summary>One <c>file(line,col): severity code: message</c> line per finding (coloured by severity on a terminal), then the counts.</summary>
    public static void Text(ToolConsole console, string checkedFile, IReadOnlyList<CheckFinding> findings)
    {
        foreach (var finding in findings)
        {
            // One line per finding, and nothing a script's error message holds (escape sequences, line breaks) reaches the terminal raw.
            var line = TerminalText.Printable(DiagnosticFormatter.Format(finding.Source, finding.Diagnostic) + TriggerSuffix(finding.Triggers), int.MaxValue);
            // Coloured with the SGR codes themselves rather than through Spectre, which would hard-wrap the line at the
            // terminal's width: the terminal wraps it, and a copy of it (a path, a position) stays whole.
            console.Output.WriteLine(console.Colour ? SeverityColour(finding.Diagnostic.Severity) + line + ResetColour : line);
        }

        console.Output.WriteLine($"{checkedFile}: {Count(findings, DiagnosticSeverity.Error)} error(s), {Count(findings, DiagnosticSeverity.Warning)} warning(s)");
    }

    /// <summary>The report of docs/cli.md, "check --format json".</summary>
    public static string Json(string checkedFile, IReadOnlyList<CheckFinding> findings)
    {
        var report = new CheckReport(
            checkedFile,
            Count(findings, DiagnosticSeverity.Error),
            Count(findings, DiagnosticSeverity.Warning),
            Count(findings, DiagnosticSeverity.Info),
            [.. findings.Select(f => new CheckReportDiagnostic(
                f.Source, f.Service, Severity(f.Diagnostic.Severity), f.Diagnostic.Code, f.Diagnostic.Message, f.Diagnostic.Line, f.Diagnostic.Column, f.Triggers))]);
        return JsonSerializer.Serialize(report, ReportJson.Default.CheckReport);
    }

    /// <summary>
    /// SARIF 2.1.0: one result per finding, its rule the diagnostic code. A position inside an inline script (a string in
    /// the configuration file) is not a position in that file, so such a result names the file and the script's
    /// configuration path in its message, without a region.
    /// </summary>
    public static string Sarif(IReadOnlyList<CheckFinding> findings)
    {
        var ruleIds = findings.Select(f => f.Diagnostic.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var results = findings.Select(f => new SarifResult(
            f.Diagnostic.Code,
            ruleIds.IndexOf(f.Diagnostic.Code),
            SarifLevel(f.Diagnostic.Severity),
            new SarifMessage(f.File is null ? $"{f.Source}: {f.Diagnostic.Message}{TriggerSuffix(f.Triggers)}" : f.Diagnostic.Message + TriggerSuffix(f.Triggers)),
            [new SarifLocation(new SarifPhysicalLocation(
                new SarifArtifactLocation(ArtifactUri(f.File ?? f.Artifact)),
                f.File is not null && f.Diagnostic.Line is { } line ? new SarifRegion(line, f.Diagnostic.Column) : null))]));
        var driver = new SarifDriver(
            "screenpopup",
            ScreenPopupTool.Version,
            [.. ruleIds.Select(id => new SarifRule(id))]);
        var log = new SarifLog("https://json.schemastore.org/sarif-2.1.0.json", "2.1.0", [new SarifRun(new SarifTool(driver), [.. results], "utf16CodeUnits")]);
        return JsonSerializer.Serialize(log, ReportJson.Default.SarifLog);
    }

    /// <summary>A relative URI (forward slashes) for a file under the working directory, so code-review tools map it to the repository; otherwise a file URI.</summary>
    private static string ArtifactUri(string file)
    {
        var full = Path.GetFullPath(file);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? new Uri(full).AbsoluteUri
            : string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
    }

    private static string TriggerSuffix(IReadOnlyList<string>? triggers) =>
        triggers is null || triggers.Count == Enum.GetValues<PopupTrigger>().Length ? "" : $" (on {string.Join(", ", triggers)})";

    private static int Count(IReadOnlyList<CheckFinding> findings, DiagnosticSeverity severity) => findings.Count(f => f.Diagnostic.Severity == severity);

    private static string Severity(DiagnosticSeverity severity) => severity.ToString().ToLowerInvariant();

    private static string SarifLevel(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private const string ResetColour = "\u001b[0m";

    /// <summary>The SGR code of a severity: red, yellow, grey.</summary>
    private static string SeverityColour(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "\u001b[31m",
        DiagnosticSeverity.Warning => "\u001b[33m",
        _ => "\u001b[90m",
    };
}
