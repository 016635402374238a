using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ScreenPopup.AspNetCore.Streams;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>
/// <c>GET {pattern}/events</c>: the agent's decisions as Server-Sent Events. First a <c>ready</c> event (the server's
/// clock, the stale age, the agent's current interaction), then one <c>decision</c> event per decision. A page that
/// reconnects with <c>Last-Event-ID</c> (the browser sends it; or the <c>lastEventId</c> query parameter) is sent the
/// decisions it missed that are not stale; a new page is sent none from before it connected.
/// </summary>
internal sealed class EventsEndpoint(AgentStreams streams, ScreenPopupEndpointOptions options)
{
    /// <summary>The SSE event type of the first event.</summary>
    public const string ReadyType = "ready";

    public async Task HandleAsync(HttpContext context)
    {
        var agent = await options.ResolveAgent(context);
        if (!AgentIds.IsValid(agent))
        {
            await Problems.NoAgent().ExecuteAsync(context);
            return;
        }

        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : context.Request.Query["lastEventId"].ToString();
        var now = streams.Now;
        var (missed, live, current) = streams.Use(agent, stream =>
        {
            var (m, l) = stream.Connect(lastEventId, now, streams.StaleAfter);
            return (m, l, stream.Current);
        });
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";   // reverse proxies: deliver each event as it is written
        await TypedResults.ServerSentEvents(Events(agent, Ready(agent, now, current), missed, live, context.RequestAborted)).ExecuteAsync(context);
    }

    private async IAsyncEnumerable<SseItem<string>> Events(
        string agent, string ready, IReadOnlyList<AgentEvent> missed, System.Threading.Channels.Channel<AgentEvent> live, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            yield return new SseItem<string>(ready, ReadyType);
            foreach (var item in missed)
            {
                yield return item.ToSseItem();
            }

            while (await WaitAsync(live, cancellationToken))
            {
                while (live.Reader.TryRead(out var item))
                {
                    yield return item.ToSseItem();
                }
            }
        }
        finally
        {
            streams.Use(agent, stream =>
            {
                stream.Disconnect(live, streams.Now);
                return true;
            });
        }
    }

    /// <summary>Waits for the next decision; false once the page is gone (its request aborted).</summary>
    private static async ValueTask<bool> WaitAsync(System.Threading.Channels.Channel<AgentEvent> live, CancellationToken cancellationToken)
    {
        try
        {
            return await live.Reader.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private string Ready(string agent, DateTimeOffset now, PopupRequest? current)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("agent", agent);
            writer.WriteNumber("serverTime", now.ToUnixTimeMilliseconds());
            writer.WriteNumber("staleAfterMs", (long)options.StaleAfter.TotalMilliseconds);
            writer.WritePropertyName("current");
            Interaction.Write(writer, current);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
