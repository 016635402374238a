using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using ScreenPopup.AspNetCore.Streams;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>
/// <c>GET {pattern}/events</c>: the agent's decisions as Server-Sent Events. First a <c>ready</c> event (the server's
/// clock, the stale age, the agent's current interaction; its id is where the page stands), then one <c>decision</c> event per decision, and a
/// <c>ping</c> after each <see cref="ScreenPopupEndpointOptions.KeepAliveInterval"/> of silence. A page that reconnects
/// with <c>Last-Event-ID</c> (the browser sends it; or the <c>lastEventId</c> query parameter) is sent the decisions it
/// missed that are not stale; a new page is sent none from before it connected.
/// </summary>
internal sealed class EventsEndpoint(AgentStreams streams, ScreenPopupEndpointOptions options)
{
    /// <summary>The SSE event type of the first event.</summary>
    public const string ReadyType = "ready";

    /// <summary>The SSE event type of the keep-alive.</summary>
    public const string PingType = "ping";

    public async Task HandleAsync(HttpContext context)
    {
        var (agent, refused) = await AgentIds.ResolveAsync(options, context);
        if (agent is null)
        {
            await refused!.ExecuteAsync(context);
            return;
        }

        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : context.Request.Query["lastEventId"].ToString();
        var now = streams.Now;
        var connected = streams.Use(agent, stream =>
        {
            var ready = Ready(agent, now, stream.Current);
            return stream.Connect(lastEventId, now, streams.StaleAfter) is { } page ? new Connected(ready, page.ReadyId, page.Missed, page.Live) : null;
        });
        if (connected is null)
        {
            await Problems.TooManyPages(options.PagesPerAgent).ExecuteAsync(context);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";   // reverse proxies: deliver each event as it is written
        await TypedResults.ServerSentEvents(Events(agent, connected, context.RequestAborted)).ExecuteAsync(context);
    }

    private async IAsyncEnumerable<SseItem<string>> Events(string agent, Connected connected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var live = connected.Live;
        try
        {
            yield return new SseItem<string>(connected.Ready, ReadyType) { EventId = connected.ReadyId };
            foreach (var item in connected.Missed)
            {
                yield return item.ToSseItem();
            }

            while (await WaitAsync(live, cancellationToken) is { } hasEvents)
            {
                if (!hasEvents)
                {
                    yield return new SseItem<string>("", PingType);
                    continue;
                }

                while (live.Reader.TryRead(out var item))
                {
                    yield return item.ToSseItem();
                }
            }
        }
        finally
        {
            streams.Use(agent, stream => stream.Disconnect(live, streams.Now));
        }
    }

    /// <summary>
    /// Waits for the next decision: true when one is there, false when the keep-alive interval passed first, null once
    /// the page is gone (its request aborted).
    /// </summary>
    private async ValueTask<bool?> WaitAsync(Channel<AgentEvent> live, CancellationToken cancellationToken)
    {
        using var keepAlive = new CancellationTokenSource(options.KeepAliveInterval, streams.Time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, keepAlive.Token);
        try
        {
            return await live.Reader.WaitToReadAsync(either.Token) ? true : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The ready event's data. Written before the page is registered: if it throws, nothing is left behind.</summary>
    private string Ready(string agent, DateTimeOffset now, PopupRequest? current) => JsonText.Of(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("agent", agent);
        writer.WriteNumber("serverTime", now.ToUnixTimeMilliseconds());
        writer.WriteNumber("staleAfterMs", (long)options.StaleAfter.TotalMilliseconds);
        writer.WritePropertyName("current");
        Interaction.Write(writer, current);
        writer.WriteEndObject();
    });

    /// <summary>A page registered on its agent's stream: its ready event and that event's id, what it missed, and its live channel.</summary>
    private sealed record Connected(string Ready, string ReadyId, IReadOnlyList<AgentEvent> Missed, Channel<AgentEvent> Live);
}
