using System.Text.Json.Serialization;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>The moment a popup may fire for an interaction.</summary>
[JsonConverter(typeof(WireEnumConverter<PopupTrigger>))]
public enum PopupTrigger
{
    /// <summary>The interaction is ringing (offered) to the agent. Uses the script's <c>onRing</c> URL.</summary>
    [JsonStringEnumMemberName("ring")] Ring,

    /// <summary>The agent answered the interaction. Uses the script's <c>onAnswer</c> URL.</summary>
    [JsonStringEnumMemberName("answer")] Answer,

    /// <summary>The interaction ended, on any channel. Uses the script's <c>onHangup</c> URL.</summary>
    [JsonStringEnumMemberName("hangup")] Hangup,

    /// <summary>The agent pressed the popup button. Uses the script's <c>onDemand</c> URL.</summary>
    [JsonStringEnumMemberName("demand")] Demand,
}
