using System.Text.Json;

namespace ScreenPopup.Cli.Reports;

/// <summary><c>simulate --format json</c>: the seed, every interaction with its decision (wire format, secrets masked), and the counts by outcome.</summary>
internal sealed record SimulateReport(int Seed, int Calls, IReadOnlyList<SimulatedInteraction> Interactions, IReadOnlyDictionary<string, int> Summary);

/// <summary>One simulated interaction of <see cref="SimulateReport"/>.</summary>
/// <param name="Number">Its number, from 1.</param>
/// <param name="Request">The request, in the wire format (the agent's secrets masked).</param>
/// <param name="Outcome">The action, and the reason after a slash when there is one, such as <c>none/duplicate</c>.</param>
/// <param name="Decision">The decision, in the wire format.</param>
internal sealed record SimulatedInteraction(int Number, JsonElement Request, string Outcome, JsonElement Decision);
