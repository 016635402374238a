namespace ScreenPopup.Cli.Reports;

/// <summary><c>check --format json</c>: the file checked, the counts, and every diagnostic (schema in docs/cli.md).</summary>
internal sealed record CheckReport(string File, int Errors, int Warnings, int Infos, IReadOnlyList<CheckReportDiagnostic> Diagnostics);

/// <summary>One diagnostic of <see cref="CheckReport"/>; the severity is <c>error</c>, <c>warning</c> or <c>info</c>.</summary>
internal sealed record CheckReportDiagnostic(
    string Source,
    string? Service,
    string Severity,
    string Code,
    string Message,
    int? Line,
    int? Column,
    IReadOnlyList<string>? Triggers);
