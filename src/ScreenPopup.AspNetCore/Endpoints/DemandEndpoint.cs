using Microsoft.AspNetCore.Http;
using ScreenPopup.AspNetCore.Streams;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>
/// <c>POST {pattern}/demand</c>: the agent asks for a popup on demand. The server pops the agent's current interaction
/// as it received it from the CTI (the page sends no caller data, only, optionally, the <c>session</c> it shows: a
/// different one is answered 409, since the agent would get another caller's page). The decision goes to the agent's
/// pages like any other and is returned.
/// </summary>
internal sealed class DemandEndpoint(PopupDelivery delivery, ScreenPopupEndpointOptions options)
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
        var (agent, refused) = await AgentIds.ResolveAsync(options, context);
        if (agent is null)
        {
            return refused!;
        }

        if (!context.Request.Headers.ContainsKey(RequiredHeader))
        {
            return Problems.DemandWithoutHeader();
        }

        // The current interaction is read once the agent's earlier triggers are decided: a ring being decided now makes
        // its call the current one, and a demand for the previous caller is then refused.
        var session = context.Request.Query["session"].ToString();
        return await delivery.DecideAsync(context, agent, stream => stream.Current switch
        {
            null => new PopupDelivery.Choice(null, Problems.NoCurrentInteraction()),
            { } current when session.Length > 0 && !string.Equals(session, current.Call.ChannelSessionId, StringComparison.Ordinal) =>
                new PopupDelivery.Choice(null, Problems.NotCurrentInteraction()),
            { } current => new PopupDelivery.Choice(current with { Trigger = PopupTrigger.Demand }, null),
        });
    }
}
