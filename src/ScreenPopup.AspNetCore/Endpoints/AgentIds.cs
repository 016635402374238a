using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>
/// What an agent id may be: the key of the agent's stream (compared ordinally) and a segment of the trigger's path. No
/// <c>/</c> or <c>%</c>: routing leaves <c>%2F</c> encoded while it decodes <c>%25</c>, so a path could not say which of
/// two such ids it means. Not <c>.</c> or <c>..</c>, which a path normalises away. No control characters, no unpaired
/// surrogates.
/// </summary>
internal static class AgentIds
{
    public const int MaxLength = 256;

    /// <summary>
    /// The agent a request to the agent endpoints comes from (<see cref="ScreenPopupEndpointOptions.ResolveAgent"/>), or
    /// why there is none: nobody signed in (401), or an id no trigger could reach (403).
    /// </summary>
    public static async ValueTask<(string? Agent, IResult? Refused)> ResolveAsync(ScreenPopupEndpointOptions options, HttpContext context)
    {
        var agent = await options.ResolveAgent(context);
        return agent is null ? (null, Problems.NoAgent())
            : IsValid(agent) ? (agent, null)
            : (null, Problems.AgentNotAddressable());
    }

    public static bool IsValid([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxLength } and not ("." or "..") && !id.Any(c => char.IsControl(c) || c is '/' or '%') && IsWellFormed(id);

    private static bool IsWellFormed(ReadOnlySpan<char> id)
    {
        while (!id.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(id, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            id = id[consumed..];
        }

        return true;
    }
}
