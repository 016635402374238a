using Microsoft.AspNetCore.Http;
using ScreenPopup.AspNetCore.Streams;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>
/// <c>POST {pattern}/demand</c>: the agent asks for a popup on demand. The server pops the agent's current interaction
/// as it received it from the CTI (the page sends no caller data, only, optionally, the <c>session</c> it shows: a
/// different one is answered 409, since the agent would get another caller's page). The decision goes to the agent's
/// pages like any other and is returned.
/// </summary>
internal sealed class DemandEndpoint(AgentStreams streams, PopupDelivery delivery, ScreenPopupEndpointOptions options)
{
    /// <summary>The header the browser client sends: a cross-site form cannot, so it cannot ask for the agent's popup (CSRF).</summary>
    public const string RequiredHeader = "ScreenPopup-Demand";

    public async Task HandleAsync(HttpContext context)
    {
        var result = await DecideAsync(context);
        await result.ExecuteAsync(context);
    }

    private async Task<IResult> DecideAsync(HttpContext context)
    {
        var agent = await options.ResolveAgent(context);
        if (agent is null)
        {
            return Problems.NoAgent();
        }

        if (!AgentIds.IsValid(agent))
        {
            return Problems.AgentNotAddressable();
        }

        if (!context.Request.Headers.ContainsKey(RequiredHeader))
        {
            return Problems.DemandWithoutHeader();
        }

        var session = context.Request.Query["session"].ToString();
        var current = streams.Use(agent, stream => stream.Current) is { } interaction ? interaction with { Trigger = PopupTrigger.Demand } : null;
        if (current is null)
        {
            return Problems.NoCurrentInteraction();
        }

        if (session.Length > 0 && !string.Equals(session, current.Call.ChannelSessionId, StringComparison.Ordinal))
        {
            return Problems.NotCurrentInteraction();
        }

        return await delivery.DecideAsync(context, agent, current);
    }
}
