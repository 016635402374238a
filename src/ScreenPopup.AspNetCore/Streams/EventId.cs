using System.Globalization;

namespace ScreenPopup.AspNetCore.Streams;

/// <summary>
/// SSE event ids <c>{epoch}-{sequence}</c>. The epoch is random per agent stream (<see cref="AgentStream.Epoch"/>), so
/// an id never names two events: an id of an earlier stream (before a restart or a sweep) is known as such, and the page
/// is sent everything the stream holds that is not stale.
/// </summary>
internal readonly record struct EventId(string Epoch, long Sequence)
{
    public override string ToString() => Epoch + "-" + Sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a <c>Last-Event-ID</c>; false for anything this format does not produce.</summary>
    public static bool TryParse(string? text, out EventId id)
    {
        id = default;
        var dash = text?.LastIndexOf('-') ?? -1;
        if (dash <= 0 || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        id = new EventId(text![..dash], sequence);
        return true;
    }
}
