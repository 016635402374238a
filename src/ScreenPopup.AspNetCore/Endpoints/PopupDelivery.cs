using System.Text;
using Microsoft.AspNetCore.Http;
using ScreenPopup.AspNetCore.Streams;
using ScreenPopup.Serialization;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>
/// Decides a request for an agent and delivers the decision: to the agent's pages (the stream) and to the caller (the
/// wire format). One agent's requests are decided one at a time, so their decisions reach the pages in the order they
/// were made and the agent's current interaction is the last one rung or answered.
/// </summary>
internal sealed class PopupDelivery(AgentStreams streams, EvaluatorSource evaluator)
{
    public async Task<IResult> DecideAsync(HttpContext context, string agent, PopupRequest request)
    {
        var deciding = streams.Use(agent, stream =>
        {
            stream.Touch(streams.Now);   // not idle while a decision is on its way
            return stream.Deciding;
        });
        await deciding.WaitAsync(context.RequestAborted);
        try
        {
            var forAgent = streams.Use(agent, stream => stream.ForAgent(request, agent));
            var decision = await evaluator.Get(context.RequestServices).EvaluateAsync(forAgent, context.RequestAborted);
            streams.Publish(agent, forAgent, decision);
            return TypedResults.Text(PopupJson.Serialize(decision), "application/json", Encoding.UTF8);
        }
        finally
        {
            deciding.Release();
        }
    }
}
