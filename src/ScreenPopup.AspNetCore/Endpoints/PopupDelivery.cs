using System.Text;
using Microsoft.AspNetCore.Http;
using ScreenPopup.AspNetCore.Streams;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>
/// Decides a request for an agent and delivers the decision: to the agent's pages (the stream) and to the caller (the
/// wire format). One agent's requests are decided one at a time, so their decisions reach the pages in the order they
/// were made and the agent's current interaction is the last one rung or answered.
/// </summary>
internal sealed class PopupDelivery(AgentStreams streams, EvaluatorSource evaluator)
{
    public Task<IResult> DecideAsync(HttpContext context, string agent, PopupRequest request) => DecideAsync(context, agent, _ => new Choice(request, null));

    /// <summary>
    /// Decides what <paramref name="choose"/> picks from the agent's stream once the agent's earlier decisions are
    /// done (a demand pops the interaction that is current then), or answers its refusal.
    /// </summary>
    public async Task<IResult> DecideAsync(HttpContext context, string agent, Func<AgentStream, Choice> choose)
    {
        // The stream is not swept while a decision is on its way, so every trigger of the agent waits on this one.
        var deciding = streams.Use(agent, stream => stream.BeginDecision(streams.Now));
        try
        {
            await deciding.WaitAsync(context.RequestAborted);
            try
            {
                var (request, refusal) = streams.Use(agent, stream =>
                {
                    var choice = choose(stream);
                    return choice.Request is { } chosen ? choice with { Request = stream.ForAgent(chosen, agent) } : choice;
                });
                if (request is null)
                {
                    return refusal!;
                }

                var decision = await evaluator.Get(context.RequestServices).EvaluateAsync(request, context.RequestAborted);
                var published = streams.Publish(agent, request, decision);
                return TypedResults.Text(published.DecisionJson, "application/json", Encoding.UTF8);   // serialized once, for the pages and the caller
            }
            finally
            {
                deciding.Release();
            }
        }
        finally
        {
            streams.Use(agent, stream => stream.EndDecision(streams.Now));
        }
    }

    /// <summary>What to decide, or why nothing is.</summary>
    public sealed record Choice(PopupRequest? Request, IResult? Refusal);
}
