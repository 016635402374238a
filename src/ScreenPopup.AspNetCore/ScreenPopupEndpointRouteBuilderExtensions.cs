using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ScreenPopup.AspNetCore;
using ScreenPopup.AspNetCore.Endpoints;
using ScreenPopup.AspNetCore.Streams;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps ScreenPopup's agent-screen endpoints into an ASP.NET Core app.</summary>
public static class ScreenPopupEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="pattern"/>:
    /// <list type="bullet">
    /// <item><c>POST agents/{agentId}/triggers</c>: the CTI adapter posts a trigger (a request in the wire format) for an
    /// agent; the decision is pushed to the agent's pages and returned. Bad input is answered with problem details.</item>
    /// <item><c>GET events</c>: the agent's decisions as Server-Sent Events, resumable with <c>Last-Event-ID</c>, bounded.</item>
    /// <item><c>POST demand</c>: the agent asks for a popup for their current interaction.</item>
    /// <item><c>GET screenpopup.js</c>: the browser client that applies the decisions.</item>
    /// </list>
    /// Authorize the groups of the result (<see cref="ScreenPopupEndpoints.Triggers"/> for the CTI adapter,
    /// <see cref="ScreenPopupEndpoints.Agents"/> for agents), and name agents with
    /// <see cref="ScreenPopupEndpointOptions.ResolveAgent"/>.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">The route prefix. The default value is <c>/screenpopup</c>.</param>
    /// <param name="configure">Sets the options (agent identity, evaluator, stale age, bounds).</param>
    /// <returns>The mapped endpoints, to authorize.</returns>
    /// <exception cref="InvalidOperationException">The evaluator to ask was not added (<c>AddScreenPopup</c>).</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static ScreenPopupEndpoints MapScreenPopup(this IEndpointRouteBuilder endpoints, string pattern = "/screenpopup", Action<ScreenPopupEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var options = new ScreenPopupEndpointOptions();
        configure?.Invoke(options);
        options.Validate();
        var evaluator = new EvaluatorSource(options.EvaluatorName);
        evaluator.EnsureRegistered(endpoints.ServiceProvider);
        var streams = new AgentStreams(options, endpoints.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System);

        var delivery = new PopupDelivery(streams, evaluator);
        var group = endpoints.MapGroup(pattern);
        var triggers = group.MapGroup("");
        triggers.MapPost("/agents/{agentId}/triggers", new TriggerEndpoint(delivery, options).HandleAsync);
        var agents = group.MapGroup("");
        agents.MapGet("/events", new EventsEndpoint(streams, options).HandleAsync);
        agents.MapPost("/demand", new DemandEndpoint(delivery, options).HandleAsync);
        var client = group.MapGet("/screenpopup.js", ClientScriptEndpoint.HandleAsync);
        return new ScreenPopupEndpoints(triggers, agents, client);
    }
}
