namespace ScreenPopup.Cli.Reports;

/// <summary>One diagnostic <c>check</c> found, with where it points.</summary>
/// <param name="Source">The name it is printed under: the script file, or <c>config.json#ScreenPopup:Services:A:Script</c> for an inline script.</param>
/// <param name="File">The file the position is in, for SARIF; <see langword="null"/> when the position is in text inside another file (an inline script).</param>
/// <param name="Artifact">The file the diagnostic belongs to (the script, or the configuration file holding it).</param>
/// <param name="Service">The service code, when the diagnostic is about one service.</param>
/// <param name="Diagnostic">The diagnostic.</param>
/// <param name="Triggers">The triggers whose dry run found it, in wire names; <see langword="null"/> when found by compiling.</param>
internal sealed record CheckFinding(string Source, string? File, string Artifact, string? Service, PopupDiagnostic Diagnostic, IReadOnlyList<string>? Triggers);
