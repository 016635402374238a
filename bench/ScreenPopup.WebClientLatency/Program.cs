using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;
using ScreenPopup;
using ScreenPopup.Serialization;
using ScreenPopup.WebClientLatency;

// From a trigger posted (as a CTI adapter posts it) to the decision applied in the agent's page (the client's
// 'applied' event, when the frame's src is set), for 1 agent and for 20 agents x 25 calls, each agent a Chromium page
// of its own context. The server's share is the time the trigger endpoint took (read, evaluate, publish, answer).
//   dotnet run -c Release --project bench/ScreenPopup.WebClientLatency [-- --agents 20 --calls 25 --pacing-ms 250]
var scenarios = Array.IndexOf(args, "--agents") < 0 ? new[] { (Agents: 1, Calls: 100), (Agents: 20, Calls: 25) } : [(Option("--agents", 1), Option("--calls", 100))];

var pacing = TimeSpan.FromMilliseconds(Option("--pacing-ms", 250));
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
builder.Services.AddScreenPopup(options =>
{
    options.Services["SUPPORT"] = new PopupService
    {
        Script = "function popup(call) { return { onRing: 'http://127.0.0.1:' + call.CALL_CHANNELID + '/crm?cli=' + encodeURIComponent(call.CALL_CLI) + '&session=' + call.CALL_CHANNELSESSIONID }; }",
    };
});
await using var app = builder.Build();
var serverShare = new Samples();
app.Use(async (context, next) =>
{
    var start = Stopwatch.GetTimestamp();
    await next(context);
    if (context.Request.Path.Value!.EndsWith("/triggers", StringComparison.Ordinal))
    {
        serverShare.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
});
app.MapScreenPopup(configure: options => options.ResolveAgent = context => ValueTask.FromResult<string?>(context.Request.Query["agent"].ToString()));
app.MapGet("/agent.html", () => Results.Content(AgentPage.Html, "text/html; charset=utf-8"));
app.MapGet("/crm", () => Results.Content("<!doctype html><title>crm</title>", "text/html; charset=utf-8"));   // the frame's page: as small as a page gets
await app.StartAsync();
var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var port = new Uri(baseUrl).Port.ToString(CultureInfo.InvariantCulture);

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium", Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-sync", "--disable-component-update"],
});
using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = Timeout.InfiniteTimeSpan };

Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, Chromium {browser.Version}");
Console.WriteLine();
Console.WriteLine("| agents x calls | read by | trigger to applied (or received) p50 / p95 / p99 (ms) | POST round trip p50 / p95 / p99 | server share p50 / p95 / p99 |");
Console.WriteLine("|---|---|---|---|---|");
// Warm-up, as a server is warm after its first minutes: tiered JIT, the script's engine, the browser.
var warmUpPacing = pacing;
pacing = TimeSpan.FromMilliseconds(5);
await Measure(1, 300, Chromium, print: false);
await Measure(20, 15, Chromium, print: false);
pacing = warmUpPacing;
foreach (var (agents, calls) in scenarios)
{
    await Measure(agents, calls, Chromium, print: true);
    await Measure(agents, calls, ChromiumWithoutNavigating, print: true);
    await Measure(agents, calls, StreamReader, print: true);
}

await app.StopAsync();

Task<IMeasuredAgent> Chromium(string agent) => AgentPage.OpenAsync(browser, baseUrl, agent);

Task<IMeasuredAgent> ChromiumWithoutNavigating(string agent) => AgentPage.OpenAsync(browser, baseUrl, agent, navigate: false);

Task<IMeasuredAgent> StreamReader(string agent) => StreamReaderAgent.OpenAsync(http, agent);

async Task Measure(int agentCount, int calls, Func<string, Task<IMeasuredAgent>> open, bool print)
{
    serverShare.Clear();
    var pages = new List<IMeasuredAgent>();
    for (var i = 0; i < agentCount; i++)
    {
        pages.Add(await open($"agent{Guid.NewGuid():N}"));
    }

    var applied = new Samples();
    var received = new Samples();
    var applying = new Samples();
    var roundTrips = new Samples();
    await Task.WhenAll(pages.Select(async page =>
    {
        var posted = new Dictionary<string, double>();
        for (var call = 0; call < calls; call++)
        {
            var session = $"{page.Agent}-{call}";
            var request = new PopupRequest { Trigger = PopupTrigger.Ring, Call = new CallVariables { Service = "SUPPORT", Cli = "+39021234" + call, ChannelSessionId = session, ChannelId = port } };
            using var content = new StringContent(PopupJson.Serialize(request), System.Text.Encoding.UTF8, "application/json");
            posted[session] = WallClock.NowMs();
            var start = Stopwatch.GetTimestamp();
            (await http.PostAsync($"/screenpopup/agents/{page.Agent}/triggers", content)).EnsureSuccessStatusCode();
            roundTrips.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            await Task.Delay(pacing);   // an agent's calls a quarter of a second apart: far closer than calls come, yet each frame has loaded
        }

        var appliedAt = await page.AppliedAsync(calls);
        foreach (var (session, at) in appliedAt)
        {
            applied.Add(at - posted[session]);
        }

        if (page is AgentPage browserPage)
        {
            foreach (var (session, at) in await browserPage.ReceivedAsync())
            {
                received.Add(at - posted[session]);
                applying.Add(appliedAt[session] - at);
            }
        }
    }));

    if (print)
    {
        var readBy = open == Chromium ? "Chromium page" : open == ChromiumWithoutNavigating ? "Chromium page, frame kept" : ".NET SSE reader";
        Console.WriteLine($"| {agentCount} x {calls} | {readBy} | {applied.Percentiles()} | {roundTrips.Percentiles()} | {serverShare.Percentiles()} |");
        if (open == Chromium)
        {
            Console.Error.WriteLine($"  {agentCount} x {calls} Chromium: trigger to the page's script {received.Percentiles()}; applying {applying.Percentiles()}");
        }
    }

    foreach (var page in pages)
    {
        await page.DisposeAsync();
    }
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
