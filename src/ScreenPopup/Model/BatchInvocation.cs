using System.Text;
using System.Text.Json.Serialization;
using ScreenPopup.Legacy;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>
/// A legacy batch file to run and the environment it gets. Untrusted call data reaches the batch only through
/// <see cref="Environment"/>, never on the command line, and only after the configured <see cref="LegacyValuePolicy"/>.
/// </summary>
/// <remarks>
/// <see cref="Environment"/> holds the real values, the PIN included, for the runner. Serialized with
/// <see cref="PopupJson"/>, and in <see cref="ToString"/>, secret variables (<see cref="SecretVariables"/>) are written
/// as <c>***</c>: a client that runs a batch from a serialized decision sets them again from what it knows.
/// </remarks>
public sealed record BatchInvocation
{
    /// <summary>The variables whose values are secrets: <c>PIN</c>.</summary>
    public static IReadOnlyList<string> SecretVariables { get; } = ["PIN"];

    /// <summary>The batch file's path.</summary>
    public required string File { get; init; }

    /// <summary>The legacy variables (<c>CLI</c>, <c>SERVICE</c>, <c>POPUPINFO_1</c>, …) and their values, in TVox's order.</summary>
    [JsonConverter(typeof(MaskedEnvironmentConverter))]
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("File = ").Append(File).Append(", Environment = { ");
        builder.AppendJoin(", ", Environment.Select(pair => $"{pair.Key} = {(IsSecret(pair.Key) ? "***" : pair.Value)}"));
        builder.Append(" }");
        return true;
    }

    internal static bool IsSecret(string variable) => SecretVariables.Contains(variable, StringComparer.OrdinalIgnoreCase);
}
