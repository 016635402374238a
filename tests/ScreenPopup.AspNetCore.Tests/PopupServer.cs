using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ScreenPopup.Serialization;

namespace ScreenPopup.AspNetCore.Tests;

/// <summary>
/// An app with ScreenPopup and <c>MapScreenPopup</c> on ASP.NET Core's test server, its clock a <see cref="FakeTimeProvider"/>.
/// Agents are named by the <c>X-Agent</c> header (a test's stand-in for sign-in).
/// Services: SUPPORT opens in the iframe, SALES in the named tab <c>crm</c>.
/// </summary>
internal sealed class PopupServer : IAsyncDisposable
{
    public const string AgentHeader = "X-Agent";

    private readonly WebApplication _app;

    private PopupServer(WebApplication app, HttpClient client, FakeTimeProvider time)
    {
        _app = app;
        Client = client;
        Time = time;
    }

    /// <summary>The app's clock.</summary>
    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public static Task<PopupServer> StartAsync(Action<ScreenPopupEndpointOptions>? configure = null) =>
        HostAsync(app => app.MapScreenPopup(configure: options =>
        {
            options.ResolveAgent = AgentFromHeader;
            configure?.Invoke(options);
        }));

    public static async Task<PopupServer> HostAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        if (services is null)
        {
            builder.Services.AddScreenPopup(Configure);
        }
        else
        {
            services(builder.Services);
        }

        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new PopupServer(app, app.GetTestClient(), time);
    }

    public static void Configure(ScreenPopupOptions options)
    {
        options.Sandbox.Timeout = TimeSpan.FromSeconds(30);   // out of the way of a busy machine: no test here is about the timeout
        options.Services["SUPPORT"] = new PopupService { Script = Popup("support", newTab: false, tab: null) };
        options.Services["SALES"] = new PopupService { Script = Popup("sales", newTab: true, tab: "crm") };
    }

    public static ValueTask<string?> AgentFromHeader(Microsoft.AspNetCore.Http.HttpContext context) =>
        ValueTask.FromResult<string?>(context.Request.Headers[AgentHeader] is [{ Length: > 0 } agent] ? agent : null);

    public static string Popup(string area, bool newTab, string? tab) => $$"""
        function popup(call) {
          var url = 'https://crm.example/{{area}}?cli=' + encodeURIComponent(call.CALL_CLI) + '&session=' + encodeURIComponent(call.CALL_CHANNELSESSIONID);
          return { onRing: url + '&event=ring', onAnswer: url + '&event=answer', onHangup: url + '&event=hangup', onDemand: url + '&event=demand',
                   webClientOpenNewTab: {{(newTab ? "true" : "false")}}, webClientTabName: {{(tab is null ? "null" : "'" + tab + "'")}} };
        }
        """;

    public static PopupRequest Request(PopupTrigger trigger, string service, string session, string cli = "+39 02 1234") => new()
    {
        Trigger = trigger,
        Call = new CallVariables { Service = service, Cli = cli, ChannelSessionId = session, CallType = "inbound" },
    };

    /// <summary>Posts a trigger for <paramref name="agent"/> as the CTI adapter does; returns the response.</summary>
    public Task<HttpResponseMessage> PostTriggerAsync(string agent, PopupRequest request, string prefix = "/screenpopup") =>
        PostRawAsync($"{prefix}/agents/{Uri.EscapeDataString(agent)}/triggers", PopupJson.Serialize(request));

    public async Task<PopupDecision> TriggerAsync(string agent, PopupRequest request, string prefix = "/screenpopup")
    {
        using var response = await PostTriggerAsync(agent, request, prefix);
        response.EnsureSuccessStatusCode();
        return PopupJson.DeserializeDecision(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType = "application/json") =>
        Client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

    public async Task<HttpResponseMessage> DemandAsync(string agent, string? session = null, string prefix = "/screenpopup", bool asTheClientDoes = true)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{prefix}/demand" + (session is null ? "" : "?session=" + Uri.EscapeDataString(session)));
        message.Headers.Add(AgentHeader, agent);
        if (asTheClientDoes)
        {
            message.Headers.Add("ScreenPopup-Demand", "1");
        }

        return await Client.SendAsync(message, TestContext.Current.CancellationToken);
    }

    /// <summary>Opens the agent's event stream as a page does, and reads its ready event.</summary>
    public async Task<AgentPage> ConnectAsync(string agent, string? lastEventId = null, string prefix = "/screenpopup", string query = "")
    {
        var message = new HttpRequestMessage(HttpMethod.Get, $"{prefix}/events{query}");
        message.Headers.Add(AgentHeader, agent);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            message.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var page = new AgentPage(response, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        page.Ready = await page.NextAsync("ready");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>An agent's page: the events of its stream, read one at a time.</summary>
    internal sealed class AgentPage(HttpResponseMessage response, Stream stream) : IDisposable
    {
        private readonly IAsyncEnumerator<SseItem<string>> _events = SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator();

        public JsonNode Ready { get; set; } = null!;

        public HttpResponseMessage Response => response;

        /// <summary>The ready event's id: where the page stands when it connected.</summary>
        public string? ReadyId { get; private set; }

        /// <summary>The last decision's event id, as a browser would send it back.</summary>
        public string? LastEventId { get; private set; }

        /// <summary>
        /// The next event, which must be of <paramref name="type"/> (keep-alive pings are passed over unless asked for);
        /// fails after 60 s, a bound for a busy machine.
        /// </summary>
        public async Task<JsonNode> NextAsync(string type = "decision")
        {
            do
            {
                (await _events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken)).Should().BeTrue("the stream is open");
            }
            while (_events.Current.EventType == "ping" && type != "ping");

            _events.Current.EventType.Should().Be(type);
            if (type == "decision")
            {
                LastEventId = _events.Current.EventId;
            }
            else if (type == "ready")
            {
                ReadyId = _events.Current.EventId;
            }

            return _events.Current.Data.Length == 0 ? JsonValue.Create("") : JsonNode.Parse(_events.Current.Data)!;
        }

        /// <summary>The session of the next decision's interaction.</summary>
        public async Task<string> NextSessionAsync() => (await NextAsync())["interaction"]!["session"]!.GetValue<string>();

        public void Dispose()
        {
            stream.Dispose();
            response.Dispose();
        }
    }
}
