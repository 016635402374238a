using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScreenPopup.Tests;

/// <summary>
/// Chromium with windows (on a virtual X display from Debian's xvfb), driven over the DevTools protocol directly.
/// Playwright emulates focus and visibility in every page it drives, so which tab is in front (what an agent sees) can
/// only be read this way: <c>document.visibilityState</c> and <c>document.hasFocus()</c> of a page nobody emulates.
/// </summary>
internal sealed class HeadfulChromium : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string XvfbRun = "/usr/bin/xvfb-run";
    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly HttpClient _http = new();
    private readonly string _devTools;

    private HeadfulChromium(Process process, TempDirectory profile, int port)
    {
        _process = process;
        _profile = profile;
        _devTools = $"http://127.0.0.1:{port}";
    }

    /// <summary>Skips (fails with CI=true) naming the package when Chromium or xvfb-run is missing.</summary>
    public static void RequireInstalled()
    {
        var missing = new[] { (Chromium, "chromium"), (XvfbRun, "xvfb") }.Where(p => !File.Exists(p.Item1)).Select(p => p.Item2).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var message = $"the focus tests need Debian's {string.Join(" and ", missing)} (apt-get install -y {string.Join(' ', missing)})";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }

    /// <summary>Starts a browser window showing <paramref name="url"/>. Popups are allowed, as an agent's browser allows the agent page's.</summary>
    public static HeadfulChromium Start(string url)
    {
        RequireInstalled();
        var port = Loopback.FreePort();
        var profile = new TempDirectory();
        var startInfo = new ProcessStartInfo(XvfbRun) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-a", Chromium, "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-popup-blocking",
                     "--disable-background-networking", "--disable-sync", "--disable-component-update", $"--remote-debugging-port={port}", $"--user-data-dir={profile.Path}", url })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return new HeadfulChromium(process, profile, port);
    }

    /// <summary>The URLs of the open pages (tabs).</summary>
    public async Task<List<string>> PageUrlsAsync() =>
        [.. (await TargetsAsync()).Where(t => t!["type"]!.GetValue<string>() == "page").Select(t => t!["url"]!.GetValue<string>())];

    /// <summary>The first page whose URL holds <paramref name="urlPart"/>, once there is one.</summary>
    public async Task<DevToolsPage> PageAsync(string urlPart)
    {
        JsonNode? target = null;
        await Poll.UntilAsync(async () =>
        {
            try
            {
                target = (await TargetsAsync()).FirstOrDefault(t => t!["type"]!.GetValue<string>() == "page" && t["url"]!.GetValue<string>().Contains(urlPart, StringComparison.Ordinal));
            }
            catch (HttpRequestException)
            {
                // The browser is still starting.
            }

            return target is not null;
        }, $"a page at {urlPart}");
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(target!["webSocketDebuggerUrl"]!.GetValue<string>()), CancellationToken.None);
        return new DevToolsPage(socket);
    }

    private async Task<JsonArray> TargetsAsync() => (await _http.GetFromJsonAsync<JsonArray>(_devTools + "/json"))!;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _http.Dispose();
        _profile.Dispose();
    }
}

/// <summary>One page over the DevTools protocol: evaluate an expression (as with a user's gesture), bring the tab to the front.</summary>
internal sealed class DevToolsPage(ClientWebSocket socket) : IDisposable
{
    private int _lastId;

    /// <summary>The value of <paramref name="expression"/> in the page.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var response = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["userGesture"] = true });
        return response["result"]?["result"]?["value"];
    }

    /// <summary>What the agent sees of this page: <c>visible/true</c> when its tab is in front and has the focus.</summary>
    public async Task<string> VisibilityAsync() => (await EvaluateAsync("document.visibilityState + '/' + document.hasFocus()"))!.GetValue<string>();

    public Task BringToFrontAsync() => SendAsync("Page.bringToFront", []);

    private Task<JsonNode> SendAsync(string method, JsonObject parameters) => JsonWebSocket.CallAsync(socket, ++_lastId, method, parameters);

    public void Dispose() => socket.Dispose();
}
