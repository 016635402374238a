using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ScreenPopup.Serialization;

/// <summary>
/// Reads and writes requests and decisions in the wire format (JSON, camelCase, enums as <c>ring</c>, <c>namedTab</c>, …;
/// call and agent variables under their TVox names such as <c>CALL_CLI</c> and <c>USERNAME</c>). Uses source generation:
/// no reflection, trimming-safe.
/// </summary>
public static class PopupJson
{
    private static readonly PopupJsonContext Indented = new(new JsonSerializerOptions(PopupJsonContext.Default.Options) { WriteIndented = true });

    /// <summary>The serializer options of the wire format, for hosts that serialize these types themselves (for example ASP.NET Core).</summary>
    public static JsonSerializerOptions Options => PopupJsonContext.Default.Options;

    /// <summary>The name an enum value has on the wire (<c>namedTab</c>, <c>scriptSyntax</c>, <c>answer</c>), as requests and decisions write it.</summary>
    /// <typeparam name="TEnum">One of the library's enums, such as <see cref="PopupReason"/> or <see cref="PopupTrigger"/>.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>Its wire name.</returns>
    public static string WireName<TEnum>(TEnum value) where TEnum : struct, Enum => WireNames.Of(value);

    /// <summary>The enum value whose wire name is <paramref name="name"/>, ignoring case; false for any other text, numbers included.</summary>
    /// <typeparam name="TEnum">One of the library's enums.</typeparam>
    /// <param name="name">A wire name, such as <c>ring</c>.</param>
    /// <param name="value">The value, when found.</param>
    /// <returns>Whether <paramref name="name"/> is a wire name of <typeparamref name="TEnum"/>.</returns>
    public static bool TryParseWireName<TEnum>(string name, out TEnum value) where TEnum : struct, Enum => WireNames.TryParse(name, out value);

    /// <summary>The type information of <see cref="PopupRequest"/> in the wire format.</summary>
    public static JsonTypeInfo<PopupRequest> RequestTypeInfo => PopupJsonContext.Default.PopupRequest;

    /// <summary>The type information of <see cref="PopupDecision"/> in the wire format.</summary>
    public static JsonTypeInfo<PopupDecision> DecisionTypeInfo => PopupJsonContext.Default.PopupDecision;

    /// <summary>Writes a decision as compact JSON.</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(PopupDecision decision) => Serialize(decision, indented: false);

    /// <summary>Writes a decision as JSON.</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(PopupDecision decision, bool indented) =>
        JsonSerializer.Serialize(decision, indented ? Indented.PopupDecision : PopupJsonContext.Default.PopupDecision);

    /// <summary>Writes a request as compact JSON. The agent's secrets are written as given: requests travel between trusted parties.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(PopupRequest request) => Serialize(request, indented: false);

    /// <summary>Writes a request as JSON. The agent's secrets are written as given: requests travel between trusted parties.</summary>
    /// <param name="request">The request.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(PopupRequest request, bool indented) =>
        JsonSerializer.Serialize(request, indented ? Indented.PopupRequest : PopupJsonContext.Default.PopupRequest);

    /// <summary>Reads a request.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The request.</returns>
    /// <exception cref="PopupJsonException">The text is not a valid request; the message says what is wrong, with the JSON path, line and column.</exception>
    public static PopupRequest DeserializeRequest(string json) => Deserialize(json, PopupJsonContext.Default.PopupRequest, "request");

    /// <summary>Reads a decision, for clients that receive decisions from a host.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="PopupJsonException">The text is not a valid decision; the message says what is wrong, with the JSON path, line and column.</exception>
    public static PopupDecision DeserializeDecision(string json) => Deserialize(json, PopupJsonContext.Default.PopupDecision, "decision");

    /// <summary>Reads a request from UTF-8 bytes, as a stream of JSON Lines delivers it (no string is made of the text).</summary>
    /// <param name="utf8Json">The JSON text, UTF-8 encoded.</param>
    /// <returns>The request.</returns>
    /// <exception cref="PopupJsonException">The text is not a valid request; the message says what is wrong, with the JSON path, line and column.</exception>
    public static PopupRequest DeserializeRequest(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, PopupJsonContext.Default.PopupRequest) ?? throw NullDocument("request");
        }
        catch (JsonException e)
        {
            throw Invalid(e, PopupJsonContext.Default.PopupRequest, "request");
        }
    }

    private static T Deserialize<T>(string json, JsonTypeInfo<T> typeInfo, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo) ?? throw NullDocument(what);
        }
        catch (JsonException e)
        {
            throw Invalid(e, typeInfo, what);
        }
    }

    private static PopupJsonException NullDocument(string what) => new($"The {what} JSON is null; send an object.") { Problem = "the JSON is null; send an object" };

    private static PopupJsonException Invalid(JsonException e, JsonTypeInfo typeInfo, string what)
    {
        var problem = JsonErrorDescription.Problem(e, typeInfo);
        long? line = e.LineNumber + 1;
        long? column = e.BytePositionInLine + 1;
        var where = (e.Path, line) switch
        {
            ({ } path, { } l) => $" at {path} (line {l}, column {column})",
            (null, { } l) => $" at line {l}, column {column}",
            _ => "",
        };
        return new PopupJsonException($"The {what} JSON is invalid{where}: {problem}.", e) { Problem = problem, JsonPath = e.Path, Line = line, Column = column };
    }
}
