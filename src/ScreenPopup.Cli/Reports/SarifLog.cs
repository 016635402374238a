using System.Text.Json.Serialization;

namespace ScreenPopup.Cli.Reports;

// SARIF 2.1.0 (OASIS), the subset check writes: one run, its rules, and results with a physical location. Written by
// hand: the one SARIF library (Sarif.Sdk) does not restore here, and this subset is a handful of records.

/// <summary>A SARIF log.</summary>
internal sealed record SarifLog(
    [property: JsonPropertyName("$schema")] string Schema,
    string Version,
    IReadOnlyList<SarifRun> Runs);

/// <summary>One run of a tool.</summary>
internal sealed record SarifRun(SarifTool Tool, IReadOnlyList<SarifResult> Results, string ColumnKind);

/// <summary>The tool.</summary>
internal sealed record SarifTool(SarifDriver Driver);

/// <summary>The tool's driver: name, version and the rules its results refer to.</summary>
internal sealed record SarifDriver(string Name, string Version, IReadOnlyList<SarifRule> Rules);

/// <summary>A rule: a diagnostic code (docs/observability.md lists them).</summary>
internal sealed record SarifRule(string Id);

/// <summary>One finding.</summary>
internal sealed record SarifResult(string RuleId, int RuleIndex, string Level, SarifMessage Message, IReadOnlyList<SarifLocation> Locations);

/// <summary>A message.</summary>
internal sealed record SarifMessage(string Text);

/// <summary>Where a result is.</summary>
internal sealed record SarifLocation(SarifPhysicalLocation PhysicalLocation);

/// <summary>A file and, when known, a region in it.</summary>
internal sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion? Region);

/// <summary>A file, as a URI relative to the working directory when it is under it.</summary>
internal sealed record SarifArtifactLocation(string Uri);

/// <summary>A position, counted from 1.</summary>
internal sealed record SarifRegion(int StartLine, int? StartColumn);
