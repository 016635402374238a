using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>The RFC 9457 problem details the endpoints answer bad requests with: what is wrong, and how to fix it.</summary>
internal static class Problems
{
    public static ProblemHttpResult NoAgent() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: "No agent",
        detail: "This request comes from no known agent: sign the agent in (ScreenPopupEndpointOptions.ResolveAgent names the agent of a request).");

    public static ProblemHttpResult InvalidAgentId(string agentId) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "Invalid agent id",
        detail: $"The agent id is {agentId.Length} characters long, is '.' or '..', or holds '/', '%', control characters or unpaired surrogates; send the agent's id (1 to {AgentIds.MaxLength} characters, none of those) percent-encoded in the path.");

    public static ProblemHttpResult AgentNotAddressable() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Agent id not addressable",
        detail: $"ScreenPopupEndpointOptions.ResolveAgent named an agent whose id is longer than {AgentIds.MaxLength} characters, is '.' or '..', or holds '/', '%', control characters or unpaired surrogates: no trigger could reach it. Have ResolveAgent return an id without them.");

    public static ProblemHttpResult TooManyPages(int pagesPerAgent) => TypedResults.Problem(
        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many pages",
        detail: $"The agent already has {pagesPerAgent} pages reading their decisions (ScreenPopupEndpointOptions.PagesPerAgent); close one.");

    public static ProblemHttpResult DemandWithoutHeader() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "Not asked by the client",
        detail: $"Send the header {DemandEndpoint.RequiredHeader}: 1 (the browser client does). A cross-site form cannot set it, so another site cannot pop the agent's screen.");

    public static ProblemHttpResult NotJson(string? contentType) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The trigger is not JSON",
        detail: $"The body's content type is '{contentType}'; send the request in the wire format with Content-Type: application/json.");

    public static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The trigger is too large",
        detail: $"The body is larger than {maxBytes} bytes (ScreenPopupEndpointOptions.MaxTriggerBytes); send less call data, or raise the limit.");

    public static ProblemHttpResult InvalidRequest(ScreenPopup.Serialization.PopupJsonException e) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "The trigger is not a valid ScreenPopup request", detail: e.Message,
        extensions: new Dictionary<string, object?> { ["jsonPath"] = e.JsonPath, ["line"] = e.Line, ["column"] = e.Column });

    public static ProblemHttpResult NoCurrentInteraction() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "No current interaction",
        detail: "The agent is on no interaction (none was rung or answered for them recently): there is nothing to pop on demand.");

    public static ProblemHttpResult NotCurrentInteraction() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "Not the current interaction",
        detail: "The session asked for is not the agent's current interaction (a newer one was rung or answered); ask for the current one.");
}
