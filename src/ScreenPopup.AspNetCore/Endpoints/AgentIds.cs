using System.Diagnostics.CodeAnalysis;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>What an agent id may be: the key of the agent's stream, compared ordinally.</summary>
internal static class AgentIds
{
    public const int MaxLength = 256;

    public static bool IsValid([NotNullWhen(true)] string? id) => id is { Length: > 0 and <= MaxLength } && !id.Any(char.IsControl);
}
