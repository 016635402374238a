using System.Diagnostics;
using Microsoft.Playwright;

namespace ScreenPopup.WebClientLatency;

/// <summary>
/// An agent's page in its own browser context: the shipped client, which records when it applied each decision
/// (<c>performance.timeOrigin + performance.now()</c>), corrected by the page's clock offset to this process's.
/// </summary>
internal sealed class AgentPage : IMeasuredAgent
{
    public const string Html = """
        <!doctype html><html><head><meta charset="utf-8"><title>latency</title></head><body>
        <iframe id="crm"></iframe>
        <script type="module">
          import { ScreenPopupClient } from '/screenpopup/screenpopup.js';
          const agent = new URLSearchParams(location.search).get('agent');
          window.__applied = {};
          window.__received = {};
          const client = new ScreenPopupClient({ query: { agent }, frame: document.getElementById('crm') });
          client.addEventListener('ready', () => { window.__ready = true; });
          const navigate = new URLSearchParams(location.search).get('navigate') !== 'false';
          client.addEventListener('decision', (e) => {
            const now = performance.timeOrigin + performance.now();
            window.__received[e.detail.interaction.session] = now;
            if (!navigate) { e.preventDefault(); window.__applied[e.detail.interaction.session] = now; }   // the host keeps the frame as it is
          });
          client.addEventListener('applied', (e) => { window.__applied[e.detail.interaction.session] = performance.timeOrigin + performance.now(); });
          client.start();
        </script></body></html>
        """;

    private readonly IBrowserContext _context;
    private readonly IPage _page;
    private double _clockOffset;

    private AgentPage(IBrowserContext context, IPage page, string agent)
    {
        _context = context;
        _page = page;
        Agent = agent;
    }

    public string Agent { get; }

    public static async Task<IMeasuredAgent> OpenAsync(IBrowser browser, string baseUrl, string agent, bool navigate = true)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{baseUrl}/agent.html?agent={agent}&navigate={(navigate ? "true" : "false")}");
        await page.WaitForFunctionAsync("() => window.__ready === true");
        var opened = new AgentPage(context, page, agent);
        await opened.CalibrateAsync();
        return opened;
    }

    public async Task<IReadOnlyDictionary<string, double>> AppliedAsync(int count)
    {
        await _page.WaitForFunctionAsync($"() => Object.keys(window.__applied).length >= {count}", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        var applied = await _page.EvaluateAsync<Dictionary<string, double>>("() => window.__applied");
        return applied.ToDictionary(a => a.Key, a => a.Value - _clockOffset);
    }

    /// <summary>When the page's script received each decision (the client's cancelable 'decision' event, before applying it).</summary>
    public async Task<IReadOnlyDictionary<string, double>> ReceivedAsync()
    {
        var received = await _page.EvaluateAsync<Dictionary<string, double>>("() => window.__received");
        return received.ToDictionary(a => a.Key, a => a.Value - _clockOffset);
    }

    /// <summary>The page's clock minus this process's: the median of 7 readings, each against the middle of its round trip.</summary>
    private async Task CalibrateAsync()
    {
        var offsets = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var before = WallClock.NowMs();
            var pageNow = await _page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            var after = WallClock.NowMs();
            offsets.Add(pageNow - ((before + after) / 2));
        }

        offsets.Sort();
        _clockOffset = offsets[offsets.Count / 2];
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}

/// <summary>This process's wall clock in milliseconds since the Unix epoch, with sub-millisecond resolution.</summary>
internal static class WallClock
{
    private static readonly long StartTicks = DateTime.UtcNow.Ticks;
    private static readonly long StartTimestamp = Stopwatch.GetTimestamp();

    public static double NowMs() => (StartTicks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerMillisecond + Stopwatch.GetElapsedTime(StartTimestamp).TotalMilliseconds;
}
