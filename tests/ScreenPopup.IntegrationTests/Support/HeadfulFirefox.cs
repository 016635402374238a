using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace ScreenPopup.Tests;

/// <summary>
/// Debian's Firefox ESR with windows (on a virtual X display from xvfb), driven over WebDriver BiDi, which Firefox
/// speaks itself (<c>--remote-debugging-port</c>): the second browser engine of the WebClient tests, with no download.
/// Popups are allowed in its profile, as an agent's browser allows the agent page's.
/// </summary>
internal sealed class HeadfulFirefox : IDisposable
{
    private const string Firefox = "/usr/bin/firefox-esr";
    private const string XvfbRun = "/usr/bin/xvfb-run";
    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private int _lastId;

    private HeadfulFirefox(Process process, TempDirectory profile, ClientWebSocket socket)
    {
        _process = process;
        _profile = profile;
        _socket = socket;
    }

    /// <summary>Starts a Firefox window showing <paramref name="url"/>, and a BiDi session on it.</summary>
    public static async Task<HeadfulFirefox> StartAsync(string url)
    {
        RequiredProgram.Ensure(Firefox, "firefox-esr", "the WebClient tests in a second browser engine");
        RequiredProgram.Ensure(XvfbRun, "xvfb", "the WebClient tests in a browser with windows");
        var port = Loopback.FreePort();
        var profile = new TempDirectory();
        profile.Write("user.js", string.Concat(
            "user_pref(\"dom.disable_open_during_load\", false);\n",     // popups allowed, as for the agent page's site
            "user_pref(\"browser.shell.checkDefaultBrowser\", false);\n",
            "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);\n",
            "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");\n",
            "user_pref(\"remote.prefs.recommended\", true);\n"));
        var startInfo = new ProcessStartInfo(XvfbRun) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-a", Firefox, "--no-remote", "--profile", profile.Path, $"--remote-debugging-port={port}", url })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        ClientWebSocket? socket = null;
        await Poll.UntilAsync(async () =>
        {
            var attempt = new ClientWebSocket();
            try
            {
                await attempt.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/session"), CancellationToken.None);
                socket = attempt;
                return true;
            }
            catch (WebSocketException)
            {
                attempt.Dispose();
                return false;   // still starting
            }
        }, "Firefox listens for WebDriver BiDi");
        var firefox = new HeadfulFirefox(process, profile, socket!);
        await firefox.SendAsync("session.new", new JsonObject { ["capabilities"] = new JsonObject() });
        return firefox;
    }

    /// <summary>The URLs of the top-level browsing contexts (tabs).</summary>
    public async Task<List<string>> PageUrlsAsync() =>
        [.. (await TopLevelAsync()).Select(c => c!["url"]!.GetValue<string>())];

    /// <summary>The first tab whose URL holds <paramref name="urlPart"/>, once there is one.</summary>
    public async Task<FirefoxPage> PageAsync(string urlPart)
    {
        string? context = null;
        await Poll.UntilAsync(async () =>
        {
            context = (await TopLevelAsync()).FirstOrDefault(c => c!["url"]!.GetValue<string>().Contains(urlPart, StringComparison.Ordinal))?["context"]!.GetValue<string>();
            return context is not null;
        }, $"a tab at {urlPart}");
        return new FirefoxPage(this, context!);
    }

    private async Task<JsonArray> TopLevelAsync() => (await SendAsync("browsingContext.getTree", new JsonObject { ["maxDepth"] = 0 }))["contexts"]!.AsArray();

    internal async Task<JsonNode> SendAsync(string method, JsonObject parameters)
    {
        await _sending.WaitAsync();
        try
        {
            var reply = await JsonWebSocket.CallAsync(_socket, ++_lastId, method, parameters);
            reply["type"]!.GetValue<string>().Should().Be("success", $"{method}: {reply["message"]}");
            return reply["result"]!;
        }
        finally
        {
            _sending.Release();
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _sending.Dispose();
        _profile.Dispose();
    }
}

/// <summary>One Firefox tab over WebDriver BiDi: evaluate an expression (as with a user's gesture), bring the tab to the front.</summary>
internal sealed class FirefoxPage(HeadfulFirefox firefox, string context)
{
    /// <summary>The string value of <paramref name="expression"/> in the page.</summary>
    public async Task<string?> EvaluateAsync(string expression)
    {
        var result = await firefox.SendAsync("script.evaluate", new JsonObject
        {
            ["expression"] = expression, ["target"] = new JsonObject { ["context"] = context }, ["awaitPromise"] = false, ["userActivation"] = true,
        });
        return result["result"]?["value"]?.GetValue<string>();
    }

    /// <summary>What the agent sees of this page: <c>visible/true</c> when its tab is in front and has the focus.</summary>
    public Task<string?> VisibilityAsync() => EvaluateAsync("document.visibilityState + '/' + document.hasFocus()");

    public Task BringToFrontAsync() => firefox.SendAsync("browsingContext.activate", new JsonObject { ["context"] = context });
}
