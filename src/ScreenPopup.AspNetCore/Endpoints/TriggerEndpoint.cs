using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScreenPopup.Serialization;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>
/// <c>POST {pattern}/agents/{agentId}/triggers</c>: the CTI adapter posts a trigger (a <see cref="PopupRequest"/> in the
/// wire format) for an agent. The decision is pushed to the agent's pages and returned (the wire format).
/// </summary>
internal sealed class TriggerEndpoint(PopupDelivery delivery, ScreenPopupEndpointOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var agent = (string?)context.GetRouteValue("agentId") ?? "";
        var result = await DecideAsync(context, agent);
        await result.ExecuteAsync(context);
    }

    private async Task<IResult> DecideAsync(HttpContext context, string agent)
    {
        if (!AgentIds.IsValid(agent))
        {
            return Problems.InvalidAgentId(agent);
        }

        if (!context.Request.HasJsonContentType())
        {
            return Problems.NotJson(context.Request.ContentType);
        }

        var body = await TriggerBody.ReadAsync(context.Request, options.MaxTriggerBytes, context.RequestAborted);
        if (body is null)
        {
            return Problems.TooLarge(options.MaxTriggerBytes);
        }

        PopupRequest request;
        try
        {
            request = PopupJson.DeserializeRequest(body);
        }
        catch (PopupJsonException e)
        {
            return Problems.InvalidRequest(e);
        }

        return await delivery.DecideAsync(context, agent, request);
    }
}
