using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ScreenPopup;
using ScreenPopup.Serialization;

// The reference WebClient integration: an agent page that receives decisions over Server-Sent Events and applies them
// (iframe, new tab, named tab, notices), endpoints that simulate triggers, and a demo CRM page. Loopback only:
//   dotnet run --project samples/ScreenPopup.WebClientHost -- --urls http://127.0.0.1:5080
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();   // serve wwwroot from the project, whatever the working directory
var crm = (builder.Configuration["urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/') + "/crm";
builder.Services.AddScreenPopup(options =>
{
    options.TrackOpenTabs = true;
    options.AllowSecretsOverHttp = false;
    options.Services["SUPPORT"] = new PopupService { Script = Popup(crm, "support", newTab: false, tab: null) };
    options.Services["SALES"] = new PopupService { Script = Popup(crm, "sales", newTab: true, tab: "crm") };
    options.Services["BILLING"] = new PopupService { Script = Popup(crm, "billing", newTab: true, tab: null) };
    options.Services["OPERATOR"] = new PopupService { Script = Popup(crm, "operator", newTab: false, tab: null).Replace("'&session='", "'&op={$USERNAME}&session='", StringComparison.Ordinal) };
});
builder.Services.AddSingleton<AgentChannels>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();

// The agent page's event stream: one event per decision: { decision (the wire format), interaction { service, session, cli } }.
app.MapGet("/events", async (string agent, AgentChannels channels, HttpContext context) =>
{
    context.Response.Headers.ContentType = "text/event-stream";
    context.Response.Headers.CacheControl = "no-cache";
    var channel = channels.For(agent);
    // What was decided while no page of the agent was reading is stale (a caller from before the login): dropped, never
    // applied late. A page that reconnects after a blip drops what came in between too: a popup late is worse than none.
    while (channel.Reader.TryRead(out _))
    {
    }

    await context.Response.WriteAsync(": connected\n\n", context.RequestAborted);
    await context.Response.Body.FlushAsync(context.RequestAborted);
    await foreach (var json in channel.Reader.ReadAllAsync(context.RequestAborted))
    {
        await context.Response.WriteAsync($"data: {json}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
});

// Simulates a trigger from the CTI server: evaluates it and pushes the decision to the agent's page.
// (withoutAgentName: the CTI event lacks the agent's username, so {$USERNAME} stays pending and the page binds it.)
app.MapPost("/simulate/{trigger}", async (string trigger, string agent, string service, string? cli, string? role, string? session, bool? withoutAgentName, IPopupEvaluator evaluator, AgentChannels channels) =>
{
    if (!Enum.TryParse<PopupTrigger>(trigger, ignoreCase: true, out var popupTrigger) || !Enum.TryParse<PopupRole>(role ?? "agent", ignoreCase: true, out var popupRole))
    {
        return Results.BadRequest("trigger is ring, answer, hangup or demand; role is agent or responder");
    }

    var request = new PopupRequest
    {
        Trigger = popupTrigger,
        Role = popupRole,
        Call = new CallVariables { Service = service, Cli = cli ?? "", CallType = "inbound", ChannelSessionId = session ?? Guid.NewGuid().ToString("N") },
        Agent = new AgentVariables { Username = withoutAgentName == true ? null : agent },
    };
    var decision = await evaluator.EvaluateAsync(request);
    // The event names the interaction it is about, so that the page's Popup button asks for the agent's current one
    // and a decision that does not pop can clear the previous caller's page.
    var interaction = new JsonObject { ["service"] = service, ["session"] = request.Call.ChannelSessionId, ["cli"] = request.Call.Cli };
    channels.For(agent).Writer.TryWrite(new JsonObject { ["decision"] = JsonNode.Parse(PopupJson.Serialize(decision)), ["interaction"] = interaction }.ToJsonString());
    return Results.Text(PopupJson.Serialize(decision), "application/json");
});

// The demo CRM page: shows what it was called with (HTML-encoded: caller data is text, never markup).
app.MapGet("/crm/{area}", (string area, HttpRequest request) =>
{
    var rows = string.Concat(request.Query.Select(q => $"<tr><th>{WebUtility.HtmlEncode(q.Key)}</th><td class=\"value\" data-name=\"{WebUtility.HtmlEncode(q.Key)}\">{WebUtility.HtmlEncode(q.Value.ToString())}</td></tr>"));
    return Results.Content($"<!doctype html><html><head><meta charset=\"utf-8\"><title>CRM {WebUtility.HtmlEncode(area)}</title></head><body><h1 id=\"area\">CRM: {WebUtility.HtmlEncode(area)}</h1><table>{rows}</table></body></html>", "text/html; charset=utf-8");
});

app.Run();

static string Popup(string crm, string area, bool newTab, string? tab) => $$"""
    function popup(call) {
      var url = '{{crm}}/{{area}}?cli=' + encodeURIComponent(call.CALL_CLI) + '&session=' + encodeURIComponent(call.CALL_CHANNELSESSIONID);
      return { onRing: url + '&event=ring', onAnswer: url + '&event=answer', onHangup: url + '&event=hangup', onDemand: url + '&event=demand',
               webClientOpenNewTab: {{(newTab ? "true" : "false")}}, webClientTabName: {{(tab is null ? "null" : "'" + tab + "'")}} };
    }
    """;

/// <summary>
/// One event channel per agent, holding at most <see cref="PendingPerAgent"/> decisions: when an agent's page is not
/// reading, the oldest are dropped rather than kept without bound, and a page that connects drops what is left.
/// (A demo: a real host would also expire idle agents.)
/// </summary>
internal sealed class AgentChannels
{
    private const int PendingPerAgent = 64;

    private readonly ConcurrentDictionary<string, Channel<string>> _channels = new(StringComparer.Ordinal);

    public Channel<string> For(string agent) => _channels.GetOrAdd(agent, _ =>
        Channel.CreateBounded<string>(new BoundedChannelOptions(PendingPerAgent) { FullMode = BoundedChannelFullMode.DropOldest }));
}
