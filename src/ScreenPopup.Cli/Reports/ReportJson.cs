using System.Text.Json.Serialization;

namespace ScreenPopup.Cli.Reports;

/// <summary>The source-generated serializer of the tool's <c>--format json</c> and SARIF reports: camelCase, indented, no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CheckReport))]
[JsonSerializable(typeof(SarifLog))]
[JsonSerializable(typeof(SimulateReport))]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class ReportJson : JsonSerializerContext;
