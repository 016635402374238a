using Microsoft.AspNetCore.Builder;

namespace ScreenPopup.AspNetCore;

/// <summary>
/// The endpoints <c>MapScreenPopup</c> mapped, in three groups a host authorizes separately: what its CTI adapter calls,
/// what an agent's page calls, and the client script.
/// </summary>
/// <example>
/// <code>
/// var popups = app.MapScreenPopup();
/// popups.Triggers.RequireAuthorization("cti");   // only the CTI adapter posts triggers
/// popups.Agents.RequireAuthorization();          // agents sign in; ResolveAgent names them
/// </code>
/// </example>
public sealed class ScreenPopupEndpoints
{
    internal ScreenPopupEndpoints(IEndpointConventionBuilder triggers, IEndpointConventionBuilder agents, IEndpointConventionBuilder client)
    {
        Triggers = triggers;
        Agents = agents;
        Client = client;
    }

    /// <summary><c>POST {pattern}/agents/{agentId}/triggers</c>: the CTI adapter posts a trigger for an agent.</summary>
    public IEndpointConventionBuilder Triggers { get; }

    /// <summary><c>GET {pattern}/events</c> and <c>POST {pattern}/demand</c>: the agent's event stream and on-demand popup.</summary>
    public IEndpointConventionBuilder Agents { get; }

    /// <summary><c>GET {pattern}/screenpopup.js</c>: the browser client (an ES module).</summary>
    public IEndpointConventionBuilder Client { get; }
}
