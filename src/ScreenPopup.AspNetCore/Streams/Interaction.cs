using System.Text.Json;
using ScreenPopup.Serialization;

namespace ScreenPopup.AspNetCore.Streams;

/// <summary>
/// What names an interaction to the page: its session (<c>CALL_CHANNELSESSIONID</c>), service and channel. No caller
/// data: the page asks for an on-demand popup by session, and the server pops the interaction it knows.
/// </summary>
internal static class Interaction
{
    public static void Write(Utf8JsonWriter writer, PopupRequest? request)
    {
        if (request is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("session", request.Call.ChannelSessionId);
        writer.WriteString("service", request.Call.Service);
        writer.WriteString("channel", PopupJson.WireName(request.Channel));
        writer.WriteEndObject();
    }

    /// <summary>Whether a trigger starts or continues the interaction the agent is on (ring, answer): it becomes the current one.</summary>
    public static bool MakesCurrent(PopupTrigger trigger) => trigger is PopupTrigger.Ring or PopupTrigger.Answer;
}
