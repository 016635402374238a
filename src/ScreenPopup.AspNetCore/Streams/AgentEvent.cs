using System.Net.ServerSentEvents;
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

    private AgentEvent(long sequence, string id, DateTimeOffset decidedAt, string decisionJson, string json)
    {
        Sequence = sequence;
        Id = id;
        DecidedAt = decidedAt;
        DecisionJson = decisionJson;
        Json = json;
    }

    /// <summary>The event's place in its agent's stream.</summary>
    public long Sequence { get; }

    /// <summary>The SSE id (<see cref="EventId"/>): what a reconnecting page sends back as <c>Last-Event-ID</c>.</summary>
    public string Id { get; }

    /// <summary>When the decision was made (the host's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset DecidedAt { get; }

    /// <summary>The decision in the wire format, as the event holds it and the trigger's caller is answered.</summary>
    public string DecisionJson { get; }

    /// <summary>The event's data.</summary>
    public string Json { get; }

    public SseItem<string> ToSseItem() => new(Json, Type) { EventId = Id };

    public static AgentEvent Create(long sequence, string id, DateTimeOffset decidedAt, PopupRequest request, PopupDecision decision)
    {
        var decisionJson = PopupJson.Serialize(decision);
        var json = JsonText.Of(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("decidedAt", decidedAt.ToUnixTimeMilliseconds());
            writer.WritePropertyName("interaction");
            Interaction.Write(writer, request);
            writer.WritePropertyName("decision");
            writer.WriteRawValue(decisionJson, skipInputValidation: true);   // the library's own serialization
            writer.WriteEndObject();
        });
        return new AgentEvent(sequence, id, decidedAt, decisionJson, json);
    }
}
