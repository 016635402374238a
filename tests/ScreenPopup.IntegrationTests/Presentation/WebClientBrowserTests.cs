using System.Diagnostics;
using System.Reflection;
using Microsoft.Playwright;

namespace ScreenPopup.Tests;

/// <summary>
/// The WebClient host sample in a real browser: headless Chromium (Debian's chromium package) driven by Playwright
/// against the sample running on loopback. Without Chromium these tests skip, naming the package; with CI=true they fail.
/// </summary>
public sealed class WebClientBrowserTests(WebClientBrowserTests.Host host) : IClassFixture<WebClientBrowserTests.Host>
{
    private static int _agents;

    [Fact]
    public async Task RingAndAnswer_Iframe_ShowsTheCrmPageWithTheEncodedCallerNumber()
    {
        var (page, agent) = await host.OpenAgentPageAsync();

        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 1234");

        var frame = await CrmFrameAsync(page, "event=ring");
        (await frame.Locator("td[data-name='cli']").TextContentAsync()).Should().Be("+39 02 1234");
        page.Context.Pages.Should().ContainSingle("an iframe pop opens no tab");

        await host.SimulateAsync("answer", agent, "SUPPORT", "+39 02 1234");
        await CrmFrameAsync(page, "event=answer");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "webclient-answer.png") });
    }

    [Fact]
    public async Task Answer_NamedTab_IsOpenedOnceAndReloadedWithTheNewUrl()
    {
        var (page, agent) = await host.OpenAgentPageAsync();

        var tab = await page.Context.RunAndWaitForPageAsync(() => host.SimulateAsync("answer", agent, "SALES", "+39 02 1111", "first"));
        await tab.Locator("td[data-name='session']", new PageLocatorOptions { HasTextString = "first" }).WaitForAsync();
        await host.SimulateAsync("answer", agent, "SALES", "+39 02 2222", "second");
        await tab.Locator("td[data-name='session']", new PageLocatorOptions { HasTextString = "second" }).WaitForAsync();

        page.Context.Pages.Should().HaveCount(2, "one agent page and exactly one 'crm' tab");
        (await tab.Locator("td[data-name='cli']").TextContentAsync()).Should().Be("+39 02 2222");
    }

    /// <summary>A named tab the agent closed is opened again (with the new URL) at the next popup.</summary>
    [Fact]
    public async Task Answer_NamedTabTheAgentClosed_IsOpenedAgain()
    {
        var (page, agent) = await host.OpenAgentPageAsync(beforeLoad: context =>
            // The test's view of the windows the page opens: the page learns that one was closed a moment after it was.
            context.AddInitScriptAsync("const open = window.open.bind(window); window.__opened = []; window.open = (...a) => { const w = open(...a); window.__opened.push(w); return w; };"));
        var tab = await page.Context.RunAndWaitForPageAsync(() => host.SimulateAsync("answer", agent, "SALES", "+39 02 1111", "before-close"));
        await tab.Locator("td[data-name='session']", new PageLocatorOptions { HasTextString = "before-close" }).WaitForAsync();
        await tab.CloseAsync();
        await page.WaitForFunctionAsync("() => window.__opened.every(w => w.closed)");

        var reopened = await page.Context.RunAndWaitForPageAsync(() => host.SimulateAsync("answer", agent, "SALES", "+39 02 2222", "after-close"));

        await reopened.Locator("td[data-name='session']", new PageLocatorOptions { HasTextString = "after-close" }).WaitForAsync();
        page.Context.Pages.Should().HaveCount(2, "the agent page and the crm tab, opened again");
    }

    /// <summary>
    /// The seed's rule: a named tab opens with focus the first time; reusing it loads it in the background. Read from a
    /// real window's visibility and focus (Playwright would emulate both): with <c>window.open(url, 'crm')</c> the reused
    /// tab came to the front and the agent page was hidden; navigating the handle kept from the first open leaves it in front.
    /// </summary>
    [Fact]
    public async Task Answer_NamedTabAlreadyOpen_ReloadsBehindTheAgentPage()
    {
        var agent = $"agent{Interlocked.Increment(ref _agents)}";
        using var browser = host.StartHeadfulAgentPage(agent);
        using var agentPage = await browser.PageAsync($"agent={agent}");
        await Poll.UntilAsync(async () => (await agentPage.EvaluateAsync("document.body.getAttribute('data-connected')"))?.GetValue<string>() == "true", "the agent page connects");

        await host.SimulateAsync("answer", agent, "SALES", "+39 02 1111", "first");
        using var crm = await browser.PageAsync("session=first");
        await Poll.UntilAsync(async () => await agentPage.VisibilityAsync() == "hidden/false", "the new crm tab takes the focus");
        await agentPage.BringToFrontAsync();
        await Poll.UntilAsync(async () => await agentPage.VisibilityAsync() == "visible/true", "the agent goes back to the agent page");

        await host.SimulateAsync("answer", agent, "SALES", "+39 02 2222", "second");
        await Poll.UntilAsync(async () => (await browser.PageUrlsAsync()).Any(url => url.Contains("session=second", StringComparison.Ordinal)), "the crm tab reloads");

        (await agentPage.VisibilityAsync()).Should().Be("visible/true", "the reused tab reloads in the background");
        (await browser.PageUrlsAsync()).Should().HaveCount(2, "one agent page and one crm tab, reused");
    }

    /// <summary>
    /// The same rules in a second engine, Debian's Firefox ESR with windows (WebDriver BiDi): a ring fills the frame, a
    /// named tab opens with the focus, and reused it reloads behind the agent page.
    /// </summary>
    [Fact]
    public async Task Firefox_AppliesTheRules_NamedTabReloadingBehindTheAgentPage()
    {
        var agent = $"agent{Interlocked.Increment(ref _agents)}";
        using var firefox = await HeadfulFirefox.StartAsync(host.Url($"/signin?agent={agent}"));
        var agentPage = await firefox.PageAsync($"agent={agent}");
        await Poll.UntilAsync(async () => await agentPage.EvaluateAsync("String(document.body && document.body.getAttribute('data-connected'))") == "true", "the agent page connects");

        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 1234", "ff-ring");
        await Poll.UntilAsync(async () => (await agentPage.EvaluateAsync("document.getElementById('crm').getAttribute('src')"))?.Contains("session=ff-ring", StringComparison.Ordinal) == true, "the frame shows the caller");

        await host.SimulateAsync("answer", agent, "SALES", "+39 02 1111", "ff-first");
        var crm = await firefox.PageAsync("session=ff-first");
        await Poll.UntilAsync(async () => await agentPage.VisibilityAsync() == "hidden/false", "the new crm tab takes the focus");
        await agentPage.BringToFrontAsync();
        await Poll.UntilAsync(async () => await agentPage.VisibilityAsync() == "visible/true", "the agent goes back to the agent page");

        await host.SimulateAsync("answer", agent, "SALES", "+39 02 2222", "ff-second");
        await Poll.UntilAsync(async () => (await firefox.PageUrlsAsync()).Any(url => url.Contains("session=ff-second", StringComparison.Ordinal)), "the crm tab reloads");

        (await agentPage.VisibilityAsync()).Should().Be("visible/true", "the reused tab reloads in the background");
        (await firefox.PageUrlsAsync()).Should().HaveCount(2, "one agent page and one crm tab, reused");
        (await crm.EvaluateAsync("document.querySelector(\"td[data-name='cli']\").textContent")).Should().Be("+39 02 2222");
    }

    /// <summary>A new tab takes the focus: the agent page goes behind it (read from a real window).</summary>
    [Fact]
    public async Task Answer_NewTab_TakesTheFocus()
    {
        var agent = $"agent{Interlocked.Increment(ref _agents)}";
        using var browser = host.StartHeadfulAgentPage(agent);
        using var agentPage = await browser.PageAsync($"agent={agent}");
        await Poll.UntilAsync(async () => (await agentPage.EvaluateAsync("document.body.getAttribute('data-connected')"))?.GetValue<string>() == "true", "the agent page connects");
        await Poll.UntilAsync(async () => await agentPage.VisibilityAsync() == "visible/true", "the agent page is in front");

        await host.SimulateAsync("answer", agent, "BILLING", "+39 02 3333", "billing");

        using var billing = await browser.PageAsync("session=billing");
        await Poll.UntilAsync(async () => await agentPage.VisibilityAsync() == "hidden/false", "the new tab takes the focus");
    }

    /// <summary>A ring resent by the CTI for the same interaction does not reload the CRM frame (what the agent typed stays).</summary>
    [Fact]
    public async Task ResentRing_SameInteraction_DoesNotReloadTheFrame()
    {
        var (page, agent) = await host.OpenAgentPageAsync();
        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 1234", "resent");
        await CrmFrameAsync(page, "event=ring");
        await page.EvaluateAsync("() => document.getElementById('crm').contentWindow.document.body.setAttribute('data-typed', 'notes')");

        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 1234", "resent");

        await page.Locator(".screenpopup-notice", new PageLocatorOptions { HasTextString = "none/duplicate" }).WaitForAsync();
        (await page.EvaluateAsync<string?>("() => document.getElementById('crm').contentWindow.document.body.getAttribute('data-typed')"))
            .Should().Be("notes", "the frame was not reloaded");
    }

    /// <summary>What was decided for an agent before their page opened is not applied when it opens (no caller from before the login).</summary>
    [Fact]
    public async Task DecisionsFromBeforeThePageOpened_AreNotApplied()
    {
        var agent = $"agent{Interlocked.Increment(ref _agents)}";
        await host.SimulateAsync("answer", agent, "SALES", "+39 02 0000", "before-login");

        var (page, _) = await host.OpenAgentPageAsync(agent);
        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 1234", "after-login");

        // Decisions arrive in order: once the later one is shown, the earlier one would have been applied before it.
        await CrmFrameAsync(page, "session=after-login");
        page.Context.Pages.Should().ContainSingle("the SALES answer from before the login opened no tab");
    }

    /// <summary>The Popup button pops the agent's current interaction: its service, session and caller (it popped SUPPORT with an empty caller).</summary>
    [Fact]
    public async Task PopupButton_PopsTheCurrentInteraction()
    {
        var (page, agent) = await host.OpenAgentPageAsync();
        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 5555", "current");
        await CrmFrameAsync(page, "event=ring");

        await page.ClickAsync("#demand");

        var frame = await CrmFrameAsync(page, "event=demand");
        (await frame.Locator("td[data-name='cli']").TextContentAsync()).Should().Be("+39 02 5555");
        (await frame.Locator("td[data-name='session']").TextContentAsync()).Should().Be("current");
    }

    /// <summary>Without a current interaction the button says so, and asks the server for nothing.</summary>
    [Fact]
    public async Task PopupButton_WithoutAnInteraction_SaysSo()
    {
        var (page, _) = await host.OpenAgentPageAsync();

        await page.ClickAsync("#demand");

        await page.Locator(".screenpopup-notice", new PageLocatorOptions { HasTextString = "no current interaction" }).WaitForAsync();
        (await page.Locator("#crm").GetAttributeAsync("src")).Should().Be("about:blank");
    }

    /// <summary>A notice clears itself; notices no longer pile up for the whole shift.</summary>
    [Fact]
    public async Task Notice_ClearsItself()
    {
        var (page, agent) = await host.OpenAgentPageAsync();

        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 1234", role: "responder");

        await page.Locator(".screenpopup-notice").WaitForAsync();
        await page.Locator(".screenpopup-notice").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 60_000 });
    }

    /// <summary>A new interaction that does not pop clears the frame: the agent never sees the previous caller's page beside the new call.</summary>
    [Fact]
    public async Task NewInteractionWithoutPopup_ClearsThePreviousCallersPage()
    {
        var (page, agent) = await host.OpenAgentPageAsync();
        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 1111", "previous");
        await CrmFrameAsync(page, "session=previous");

        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 2222", "next", role: "responder");

        await page.Locator(".screenpopup-notice", new PageLocatorOptions { HasTextString = "none/triggerNotAllowed" }).WaitForAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('crm').getAttribute('src') === 'about:blank'");
    }

    /// <summary>A decision older than the stale age is not applied (the page's clock runs a minute ahead of the server's once it connected).</summary>
    [Fact]
    public async Task StaleDecision_IsNotApplied()
    {
        var (page, agent) = await host.OpenAgentPageAsync(installClock: true);
        var connectedAt = await page.EvaluateAsync<double>("() => Date.now()");
        await page.Clock.SetSystemTimeAsync(DateTimeOffset.FromUnixTimeMilliseconds((long)connectedAt).UtcDateTime.AddMinutes(1));

        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 1111", "late");

        await page.Locator("body[data-skipped='ring:stale']").WaitForAsync();
        (await page.Locator("#crm").GetAttributeAsync("src")).Should().Be("about:blank");
    }

    /// <summary>A hangup of the previous call, arriving once the agent is on the next one, leaves the next caller's page.</summary>
    [Fact]
    public async Task HangupOfAnInteractionThatIsNotCurrent_IsNotApplied()
    {
        var (page, agent) = await host.OpenAgentPageAsync();
        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 1111", "first");
        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 2222", "second");
        await CrmFrameAsync(page, "session=second");

        await host.SimulateAsync("hangup", agent, "SUPPORT", "+39 02 1111", "first");

        await page.Locator("body[data-skipped='hangup:notCurrent']").WaitForAsync();
        await CrmFrameAsync(page, "session=second&event=ring");
    }

    /// <summary>Each agent's page receives only that agent's decisions; a page nobody signed in to receives none.</summary>
    [Fact]
    public async Task Agents_ReceiveOnlyTheirOwnDecisions()
    {
        var (first, firstAgent) = await host.OpenAgentPageAsync();
        var (second, secondAgent) = await host.OpenAgentPageAsync();

        await host.SimulateAsync("ring", firstAgent, "SUPPORT", "+39 02 1111", "for-first");
        await host.SimulateAsync("ring", secondAgent, "SUPPORT", "+39 02 2222", "for-second");

        await CrmFrameAsync(first, "session=for-first");
        await CrmFrameAsync(second, "session=for-second");
        var anonymous = await first.Context.Browser!.NewContextAsync();
        var events = await anonymous.APIRequest.GetAsync(host.Url("/screenpopup/events"));
        events.Status.Should().Be(401, "the stream is the signed-in agent's");
        await anonymous.CloseAsync();
    }

    /// <summary>
    /// A refused stream (a proxy's 502 during a deploy) ends an EventSource for good; the client starts a new one and the
    /// page connects and pops.
    /// </summary>
    [Fact]
    public async Task RefusedStream_IsStartedAgain()
    {
        var agent = $"agent{Interlocked.Increment(ref _agents)}";
        var refused = 0;
        var (page, _) = await host.OpenAgentPageAsync(agent, beforeLoad: async context => await context.RouteAsync("**/screenpopup/events**", async route =>
        {
            if (Interlocked.Increment(ref refused) == 1)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 502, ContentType = "text/html", Body = "<h1>Bad gateway</h1>" });
            }
            else
            {
                await route.ContinueAsync();
            }
        }));

        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 1234", "after-refusal");

        await CrmFrameAsync(page, "session=after-refusal");
        refused.Should().BeGreaterThanOrEqualTo(2, "the first stream was refused, a second one connected");
    }

    [Fact]
    public async Task PendingPlaceholder_IsBoundByThePageWithWhatItKnows()
    {
        var (page, agent) = await host.OpenAgentPageAsync();

        await host.SimulateAsync("ring", agent, "OPERATOR", "+39 02 1234", withoutAgentName: true);

        var frame = await CrmFrameAsync(page, "event=ring");
        (await frame.Locator("td[data-name='op']").TextContentAsync()).Should().Be(agent);
    }

    [Fact]
    public async Task NewTabPops_OpenOneNewTabEach()
    {
        var (page, agent) = await host.OpenAgentPageAsync();

        await page.Context.RunAndWaitForPageAsync(() => host.SimulateAsync("answer", agent, "BILLING", "1"));
        await page.Context.RunAndWaitForPageAsync(() => host.SimulateAsync("answer", agent, "BILLING", "2"));

        page.Context.Pages.Should().HaveCount(3);
    }

    [Fact]
    public async Task ResponderOnRing_ShowsANoticeAndDoesNotNavigate()
    {
        var (page, agent) = await host.OpenAgentPageAsync();

        await host.SimulateAsync("ring", agent, "SUPPORT", "+39 02 1234", role: "responder");

        await page.Locator(".screenpopup-notice").WaitForAsync();
        (await page.Locator(".screenpopup-notice").First.TextContentAsync()).Should().Contain("none/triggerNotAllowed");
        (await page.Locator("#crm").GetAttributeAsync("src")).Should().Be("about:blank");
        page.Context.Pages.Should().ContainSingle();
    }

    [Fact]
    public async Task HostileCallerNumber_RunsNoScriptInThePages()
    {
        var (page, agent) = await host.OpenAgentPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        const string hostile = "\"><img src=x onerror=alert(1)><script>alert(2)</script>";

        await host.SimulateAsync("ring", agent, "SUPPORT", hostile);

        var frame = await CrmFrameAsync(page, "event=ring");
        (await frame.Locator("td[data-name='cli']").TextContentAsync()).Should().Be(hostile);
        await page.WaitForTimeoutAsync(300);
        dialogs.Should().Be(0);
        (await frame.Locator("img").CountAsync()).Should().Be(0);
        (await page.Locator("img").CountAsync()).Should().Be(0);
    }

    /// <summary>The CRM frame once it shows the page whose URL holds <paramref name="urlPart"/> (same origin, so its location is readable).</summary>
    private static async Task<IFrame> CrmFrameAsync(IPage page, string urlPart)
    {
        await page.WaitForFunctionAsync(
            $"() => {{ const w = document.getElementById('crm').contentWindow; return w.location.href.includes('{urlPart}') && w.document.readyState === 'complete' && !!w.document.querySelector(\"td[data-name='cli']\"); }}");
        return page.Frames.Single(f => f.Url.Contains(urlPart, StringComparison.Ordinal));
    }

    /// <summary>Runs the sample on a free loopback port and one headless Chromium for the class.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private const string Chromium = "/usr/bin/chromium";
        private readonly HttpClient _http = new();
        private Process? _sample;
        private IPlaywright? _playwright;
        private IBrowser? _browser;
        private string _baseUrl = "";

        public async ValueTask InitializeAsync()
        {
            if (!File.Exists(Chromium))
            {
                return;
            }

            var port = Loopback.FreePort();
            _baseUrl = $"http://127.0.0.1:{port}";
            var dll = Path.GetFullPath(typeof(Host).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WebClientHostPath").Value!);
            var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(Repository.Root, "samples", "ScreenPopup.WebClientHost"), UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { dll, "--urls", _baseUrl })
            {
                startInfo.ArgumentList.Add(argument);
            }

            _sample = Process.Start(startInfo)!;
            _ = _sample.StandardOutput.ReadToEndAsync();
            _ = _sample.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    (await _http.GetAsync(_baseUrl + "/")).EnsureSuccessStatusCode();
                    break;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }
            }

            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-sync",
                        "--disable-component-update", "--disable-quic", "--disable-popup-blocking"],
            });
        }

        /// <summary>A new browser context with the agent page open and connected; each test its own agent.</summary>
        public async Task<(IPage Page, string Agent)> OpenAgentPageAsync(string? agentName = null, bool installClock = false, Func<IBrowserContext, Task>? beforeLoad = null)
        {
            if (_browser is null)
            {
                const string missing = "Chromium is not installed: the WebClient browser tests need Debian's chromium package (apt-get install -y chromium)";
                if (Environment.GetEnvironmentVariable("CI") == "true")
                {
                    Assert.Fail(missing);
                }

                Assert.Skip(missing);
            }

            var agent = agentName ?? $"agent{Interlocked.Increment(ref _agents)}";
            var context = await _browser.NewContextAsync();
            if (beforeLoad is not null)
            {
                await beforeLoad(context);
            }

            var page = await context.NewPageAsync();
            if (installClock)
            {
                await page.Clock.InstallAsync();   // the page's own clock, which the test may move (it runs as the real one until then)
            }

            await page.GotoAsync($"{_baseUrl}/signin?agent={agent}");
            await page.Locator("body[data-connected='true']").WaitForAsync();
            return (page, agent);
        }

        /// <summary>An absolute URL of the sample.</summary>
        public string Url(string path) => _baseUrl + path;

        /// <summary>The agent page in a browser with windows (see <see cref="HeadfulChromium"/>), for what Playwright cannot show.</summary>
        internal HeadfulChromium StartHeadfulAgentPage(string agent) => HeadfulChromium.Start($"{_baseUrl}/signin?agent={agent}");

        /// <summary>Posts a trigger for the agent, as the CTI adapter does (the wire format to the package's trigger endpoint).</summary>
        public async Task SimulateAsync(string trigger, string agent, string service, string cli, string? session = null, string role = "agent", bool withoutAgentName = false)
        {
            PopupJson.TryParseWireName<PopupTrigger>(trigger, out var popupTrigger).Should().BeTrue();
            PopupJson.TryParseWireName<PopupRole>(role, out var popupRole).Should().BeTrue();
            var request = new PopupRequest
            {
                Trigger = popupTrigger,
                Role = popupRole,
                Call = new CallVariables { Service = service, Cli = cli, CallType = "inbound", ChannelSessionId = session ?? Guid.NewGuid().ToString("N") },
                Agent = new AgentVariables { Username = withoutAgentName ? null : agent },
            };
            using var content = new StringContent(PopupJson.Serialize(request), System.Text.Encoding.UTF8, "application/json");
            (await _http.PostAsync($"{_baseUrl}/screenpopup/agents/{Uri.EscapeDataString(agent)}/triggers", content)).EnsureSuccessStatusCode();
        }

        public async ValueTask DisposeAsync()
        {
            if (_browser is not null)
            {
                await _browser.CloseAsync();
            }

            _playwright?.Dispose();
            if (_sample is { HasExited: false })
            {
                _sample.Kill(entireProcessTree: true);
            }

            _sample?.Dispose();
            _http.Dispose();
        }

    }
}
