using System.Text.Json.Serialization;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>The channel an interaction arrives on.</summary>
[JsonConverter(typeof(WireEnumConverter<PopupChannel>))]
public enum PopupChannel
{
    /// <summary>A voice call.</summary>
    [JsonStringEnumMemberName("phone")] Phone,

    /// <summary>A video call.</summary>
    [JsonStringEnumMemberName("video")] Video,

    /// <summary>A web chat.</summary>
    [JsonStringEnumMemberName("webchat")] Webchat,

    /// <summary>A WhatsApp conversation.</summary>
    [JsonStringEnumMemberName("whatsapp")] Whatsapp,

    /// <summary>A custom channel, identified by <see cref="CallVariables.ChannelId"/> (<c>CALL_CHANNELID</c>).</summary>
    [JsonStringEnumMemberName("custom")] Custom,
}
