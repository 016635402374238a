using System.Text.Json.Serialization;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>What the client does with a <see cref="PopupDecision"/>.</summary>
[JsonConverter(typeof(WireEnumConverter<PopupAction>))]
public enum PopupAction
{
    /// <summary>Open <see cref="PopupDecision.Url"/> where <see cref="PopupDecision.WebClient"/> or <see cref="PopupDecision.TvoxClient"/> says.</summary>
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>Open nothing; <see cref="PopupDecision.Reason"/> says why. This is a normal outcome, not a failure.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>Run the legacy batch file described by <see cref="PopupDecision.Batch"/> on the agent's PC (<c>legacyBat</c> mode).</summary>
    [JsonStringEnumMemberName("runBatch")] RunBatch,

    /// <summary>Open nothing because something is wrong (the script, its result or the URL); <see cref="PopupDecision.Reason"/> and <see cref="PopupDecision.Message"/> say what.</summary>
    [JsonStringEnumMemberName("error")] Error,
}
