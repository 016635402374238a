using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using ScreenPopup.Serialization;

namespace ScreenPopup.AspNetCore.Streams;

/// <summary>
/// One decision as an agent's page receives it: serialized once, whatever the number of pages.
/// Its data: <c>{ "decidedAt": unix ms, "interaction": { "session", "service", "channel" }, "decision": wire format }</c>.
/// </summary>
internal sealed class AgentEvent
{
    /// <summary>The SSE event type of a decision.</summary>
    public const string Type = "decision";

    private AgentEvent(long sequence, string id, DateTimeOffset decidedAt, string json)
    {
        Sequence = sequence;
        Id = id;
        DecidedAt = decidedAt;
        Json = json;
    }

    /// <summary>The event's place in its agent's stream.</summary>
    public long Sequence { get; }

    /// <summary>The SSE id (<see cref="EventId"/>): what a reconnecting page sends back as <c>Last-Event-ID</c>.</summary>
    public string Id { get; }

    /// <summary>When the decision was made (the host's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset DecidedAt { get; }

    /// <summary>The event's data.</summary>
    public string Json { get; }

    public SseItem<string> ToSseItem() => new(Json, Type) { EventId = Id };

    public static AgentEvent Create(long sequence, string id, DateTimeOffset decidedAt, PopupRequest request, PopupDecision decision)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("decidedAt", decidedAt.ToUnixTimeMilliseconds());
            writer.WritePropertyName("interaction");
            Interaction.Write(writer, request);
            writer.WritePropertyName("decision");
            JsonSerializer.Serialize(writer, decision, PopupJson.DecisionTypeInfo);
            writer.WriteEndObject();
        }

        return new AgentEvent(sequence, id, decidedAt, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
