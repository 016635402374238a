using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static ScreenPopup.AspNetCore.Tests.PopupServer;
using static ScreenPopup.AspNetCore.Tests.TriggerEndpointTests;

namespace ScreenPopup.AspNetCore.Tests;

/// <summary>What an agent's page may ask: its own stream, and a popup on demand for its own current interaction.</summary>
public sealed class AgentEndpointTests
{
    [Fact]
    public async Task Demand_PopsTheCurrentInteraction_WithTheCallersDataTheServerReceived()
    {
        await using var server = await StartAsync();
        using var page = await server.ConnectAsync("mrossi");
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "s1", "+39 02 5555"));
        await page.NextAsync();

        using var response = await server.DemandAsync("mrossi", "s1");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var pushed = await page.NextAsync();
        pushed["decision"]!["trigger"]!.GetValue<string>().Should().Be("demand");
        pushed["decision"]!["url"]!.GetValue<string>().Should().Be("https://crm.example/support?cli=%2B39%2002%205555&session=s1&event=demand");
    }

    [Fact]
    public async Task Demand_WithoutACurrentInteraction_Is409()
    {
        await using var server = await StartAsync();

        using var response = await server.DemandAsync("mrossi");

        (await ProblemAsync(response, HttpStatusCode.Conflict))["title"]!.GetValue<string>().Should().Be("No current interaction");
    }

    [Fact]
    public async Task Demand_ForAnInteractionThatIsNoLongerCurrent_Is409()
    {
        await using var server = await StartAsync();
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "old"));
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "new"));

        using var response = await server.DemandAsync("mrossi", "old");

        (await ProblemAsync(response, HttpStatusCode.Conflict))["title"]!.GetValue<string>().Should().Be("Not the current interaction");
    }

    /// <summary>A demand for the previous caller, asked while the next call's ring is being decided, is refused: the ring makes its call current.</summary>
    [Fact]
    public async Task Demand_WhileANewRingIsDecided_IsForTheNewCallOnly()
    {
        var evaluator = new GatedEvaluator("new");
        await using var server = await HostAsync(
            app => app.MapScreenPopup(configure: options => options.ResolveAgent = AgentFromHeader),
            services => services.AddSingleton<IPopupEvaluator>(evaluator));
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "old"));
        var ring = server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "new"));
        await evaluator.Entered.Task;

        var demand = server.DemandAsync("mrossi", "old");
        evaluator.Release.SetResult();
        await ring;

        using var response = await demand;
        await ProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Hangup_KeepsTheInteractionCurrent_ForADemandAfterTheCall()
    {
        await using var server = await StartAsync();
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Answer, "SUPPORT", "s1"));
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Hangup, "SUPPORT", "s1"));

        using var response = await server.DemandAsync("mrossi", "s1");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("GET", "/screenpopup/events")]
    [InlineData("POST", "/screenpopup/demand")]
    public async Task AgentEndpoints_WithoutAnAgent_Are401(string method, string path)
    {
        await using var server = await StartAsync();

        using var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        (await ProblemAsync(response, HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>().Should().Contain("ResolveAgent");
    }

    /// <summary>
    /// Every route by which one agent's decisions could reach another: the live stream, a resumed stream (with the other
    /// agent's event id), the current interaction in the ready event, and a demand. Agent ids compare ordinally.
    /// </summary>
    [Fact]
    public async Task Agents_NeverReceiveAnotherAgentsDecisions_ByAnyRoute()
    {
        await using var server = await StartAsync();
        using var other = await server.ConnectAsync("mrossi");
        using var caseVariant = await server.ConnectAsync("MRossi");
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Answer, "SUPPORT", "mrossi-call"));
        await other.NextAsync();
        var othersEventId = other.LastEventId!;

        using var resumedWithOthersId = await server.ConnectAsync("bverdi", othersEventId);
        await server.TriggerAsync("bverdi", Request(PopupTrigger.Ring, "SUPPORT", "bverdi-call"));
        await server.TriggerAsync("MRossi", Request(PopupTrigger.Ring, "SUPPORT", "MRossi-call"));

        resumedWithOthersId.Ready["current"].Should().BeNull("mrossi's interaction is not bverdi's");
        (await resumedWithOthersId.NextSessionAsync()).Should().Be("bverdi-call", "the other agent's event id resumes nothing of theirs");
        (await caseVariant.NextSessionAsync()).Should().Be("MRossi-call", "agent ids compare ordinally");
        using var demand = await server.DemandAsync("bverdi", "mrossi-call");
        await ProblemAsync(demand, HttpStatusCode.Conflict);
        using var ownDemand = await server.DemandAsync("bverdi");
        ownDemand.StatusCode.Should().Be(HttpStatusCode.OK);
        (await resumedWithOthersId.NextSessionAsync()).Should().Be("bverdi-call", "bverdi's demand pops bverdi's call");
    }

    [Fact]
    public async Task Demand_WithoutTheClientsHeader_Is400_SoThatAnotherSiteCannotPopTheAgentsScreen()
    {
        await using var server = await StartAsync();
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "s1"));

        using var response = await server.DemandAsync("mrossi", "s1", asTheClientDoes: false);

        (await ProblemAsync(response, HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().Should().Contain("ScreenPopup-Demand");
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("100%")]
    [InlineData("agent{unpaired surrogate}")]
    [InlineData(".")]
    [InlineData("..")]
    public async Task ResolvedAgentNoTriggerCouldReach_Is403(string agent)
    {
        agent = agent.Replace("{unpaired surrogate}", "\ud800", StringComparison.Ordinal);
        await using var server = await StartAsync(options => options.ResolveAgent = _ => ValueTask.FromResult<string?>(agent));

        using var events = await server.Client.GetAsync("/screenpopup/events", TestContext.Current.CancellationToken);
        using var demand = await server.DemandAsync("ignored");

        (await ProblemAsync(events, HttpStatusCode.Forbidden))["detail"]!.GetValue<string>().Should().Contain("ResolveAgent");
        await ProblemAsync(demand, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DefaultResolveAgent_IsTheSignedInUsersName()
    {
        await using var server = await HostAsync(app =>
        {
            app.Use((context, next) =>
            {
                if (context.Request.Headers[AgentHeader] is [{ } name])
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test"));
                }

                return next(context);
            });
            app.MapScreenPopup();
        });

        using var signedIn = await server.ConnectAsync("mrossi");
        using var anonymous = await server.Client.GetAsync("/screenpopup/events", TestContext.Current.CancellationToken);

        signedIn.Ready["agent"]!.GetValue<string>().Should().Be("mrossi");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    /// <summary>Two tenants' mappings, each with its own evaluator: an agent name both use never shares a stream.</summary>
    [Fact]
    public async Task TwoMappings_KeepTheirAgentsApart()
    {
        await using var server = await HostAsync(
app =>
            {
                app.MapScreenPopup("/tenant-a", options => { options.EvaluatorName = "a"; options.ResolveAgent = AgentFromHeader; });
                app.MapScreenPopup("/tenant-b", options => { options.EvaluatorName = "b"; options.ResolveAgent = AgentFromHeader; });
            },
            services =>
            {
                services.AddScreenPopup("a", Configure);
                services.AddScreenPopup("b", Configure);
            });
        using var inA = await server.ConnectAsync("mrossi", prefix: "/tenant-a");
        using var inB = await server.ConnectAsync("mrossi", prefix: "/tenant-b");

        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "for-a"), "/tenant-a");
        await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "for-b"), "/tenant-b");

        (await inA.NextSessionAsync()).Should().Be("for-a");
        (await inB.NextSessionAsync()).Should().Be("for-b");
    }

    [Fact]
    public async Task MapScreenPopup_WithoutTheEvaluator_SaysWhatToAdd()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var map = () => app.MapScreenPopup();
        var named = () => app.MapScreenPopup(configure: options => options.EvaluatorName = "tenant");

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddScreenPopup(…)*");
        named.Should().Throw<InvalidOperationException>().WithMessage("*named 'tenant'*");
    }

    [Theory]
    [InlineData("EventsPerAgent")]
    [InlineData("EventsPerAgentTooMany")]
    [InlineData("StaleAfter")]
    [InlineData("MaxTriggerBytes")]
    [InlineData("PagesPerAgent")]
    [InlineData("KeepAliveInterval")]
    [InlineData("KeepAliveIntervalTooMany")]
    public async Task MapScreenPopup_WithAnOptionOutOfRange_NamesIt(string option)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddScreenPopup(Configure);
        await using var app = builder.Build();

        var map = () => app.MapScreenPopup(configure: options =>
        {
            switch (option)
            {
                case "EventsPerAgent": options.EventsPerAgent = 0; break;
                case "EventsPerAgentTooMany": options.EventsPerAgent = 10_001; break;
                case "StaleAfter": options.StaleAfter = TimeSpan.Zero; break;
                case "PagesPerAgent": options.PagesPerAgent = 0; break;
                case "KeepAliveInterval": options.KeepAliveInterval = TimeSpan.Zero; break;
                case "KeepAliveIntervalTooMany": options.KeepAliveInterval = TimeSpan.FromDays(60); break;
                default: options.MaxTriggerBytes = 0; break;
            }
        });

        map.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(option.Replace("TooMany", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientScript_IsTheShippedModule_RevalidatedByETag()
    {
        await using var server = await StartAsync();

        using var response = await server.Client.GetAsync("/screenpopup/screenpopup.js", TestContext.Current.CancellationToken);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/screenpopup/screenpopup.js");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await server.Client.SendAsync(again, TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.ToString().Should().Be("text/javascript; charset=utf-8");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Should().Be(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "src", "ScreenPopup.AspNetCore", "client", "screenpopup.js"), TestContext.Current.CancellationToken));
        revalidated.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "ScreenPopup.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }
}
