using System.Text;
using Microsoft.AspNetCore.Http;
using ScreenPopup.AspNetCore.Streams;
using ScreenPopup.Serialization;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>
/// Decides a request for an agent and delivers the decision: to the agent's pages (the stream) and to the caller
/// (the wire format). The named tabs the agent's page was sent count as open.
/// </summary>
internal sealed class PopupDelivery(AgentStreams streams, EvaluatorSource evaluator)
{
    public async Task<IResult> DecideAsync(HttpContext context, string agent, PopupRequest request)
    {
        request = streams.Use(agent, stream => stream.WithOpenTabs(request));
        var decision = await evaluator.Get(context.RequestServices).EvaluateAsync(request, context.RequestAborted);
        streams.Publish(agent, request, decision);
        return TypedResults.Text(PopupJson.Serialize(decision), "application/json", Encoding.UTF8);
    }
}
