using ScreenPopup.Serialization;

namespace ScreenPopup.Duplicates;

/// <summary>Step 7 of the pipeline: suppresses a second open decision for the same (session id, trigger, agent).</summary>
internal sealed class DuplicateFilter(IPopupStateStore store)
{
    /// <summary>Records an open decision; returns <see langword="true"/> when the same one was already recorded.</summary>
    public bool IsDuplicate(PopupRequest request, DuplicateSuppressionOptions settings)
    {
        if (!settings.Enabled || request.Trigger == PopupTrigger.Demand)
        {
            return false;
        }

        var call = request.Call;
        var session = call.ChannelSessionId.Length > 0 ? call.ChannelSessionId : call.LastCallId;
        if (session.Length == 0)
        {
            return false;
        }

        var agent = request.Agent.Username ?? "";
        var key = $"{session.Length}:{session}|{WireNames.Of(request.Trigger)}|{agent}";
        return !store.TryAdd(key, settings.Window);
    }
}
