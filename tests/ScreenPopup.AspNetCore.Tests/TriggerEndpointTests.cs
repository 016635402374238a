using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;
using static ScreenPopup.AspNetCore.Tests.PopupServer;

namespace ScreenPopup.AspNetCore.Tests;

/// <summary>The endpoint the CTI adapter posts triggers to: every bad input is a problem details answer saying what to fix.</summary>
public sealed class TriggerEndpointTests
{
    [Fact]
    public async Task Trigger_ReturnsTheDecisionInTheWireFormat()
    {
        await using var server = await StartAsync();

        using var response = await server.PostTriggerAsync("mrossi", Request(PopupTrigger.Ring, "SUPPORT", "s1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var decision = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        decision["action"]!.GetValue<string>().Should().Be("open");
        decision["webClient"]!["target"]!.GetValue<string>().Should().Be("iframe");
    }

    [Theory]
    [InlineData("{", "$", "line 1")]
    [InlineData("""{"trigger":"ring","call":[]}""", "$.call", "line 1")]
    [InlineData("""{"trigger":"sneeze"}""", "$.trigger", "ring, answer, hangup, demand")]
    [InlineData("""{"call":{}}""", null, "trigger")]
    [InlineData("null", null, "null")]
    public async Task InvalidRequest_Is400_NamingWhereAndWhat(string body, string? jsonPath, string detailMentions)
    {
        await using var server = await StartAsync();

        using var response = await server.PostRawAsync("/screenpopup/agents/mrossi/triggers", body);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem["title"]!.GetValue<string>().Should().Be("The trigger is not a valid ScreenPopup request");
        problem["detail"]!.GetValue<string>().Should().Contain(detailMentions);
        if (jsonPath is not null)
        {
            problem["jsonPath"]!.GetValue<string>().Should().Be(jsonPath);
            problem["line"]!.GetValue<long>().Should().Be(1);
        }
    }

    [Fact]
    public async Task NotJson_Is415()
    {
        await using var server = await StartAsync();

        using var response = await server.PostRawAsync("/screenpopup/agents/mrossi/triggers", "trigger=ring", "application/x-www-form-urlencoded");

        (await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType))["detail"]!.GetValue<string>().Should().Contain("application/json");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyOverTheLimit_Is413_WithOrWithoutAContentLength(bool withLength)
    {
        await using var server = await StartAsync(options => options.MaxTriggerBytes = 1000);
        var body = PopupJsonOf(Request(PopupTrigger.Ring, "SUPPORT", "s1", cli: new string('9', 2000)));
        using var content = withLength ? (HttpContent)new StringContent(body, System.Text.Encoding.UTF8, "application/json") : new ChunkedContent(body);

        using var response = await server.Client.PostAsync("/screenpopup/agents/mrossi/triggers", content, TestContext.Current.CancellationToken);

        (await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge))["detail"]!.GetValue<string>().Should().Contain("MaxTriggerBytes");
    }

    [Fact]
    public async Task BodyAtTheLimit_IsAccepted()
    {
        var body = PopupJsonOf(Request(PopupTrigger.Ring, "SUPPORT", "s1"));
        await using var limited = await StartAsync(options => options.MaxTriggerBytes = System.Text.Encoding.UTF8.GetByteCount(body));

        using var response = await limited.PostRawAsync("/screenpopup/agents/mrossi/triggers", body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("a%0Ab", "a control character")]
    [InlineData("a%09b", "a tab")]
    [InlineData("a%2Fb", "a slash: routing leaves %2F encoded but decodes %25, so a%2Fb and a%252Fb would name one stream")]
    [InlineData("a%252Fb", "a percent sign")]
    [InlineData("a%ED%A0%80b", "an unpaired surrogate")]
    public async Task InvalidAgentId_Is400(string agentInPath, string why)
    {
        await using var server = await StartAsync();

        using var response = await server.PostRawAsync($"/screenpopup/agents/{agentInPath}/triggers", PopupJsonOf(Request(PopupTrigger.Ring, "SUPPORT", "s1")));

        (await ProblemAsync(response, HttpStatusCode.BadRequest, why))["title"]!.GetValue<string>().Should().Be("Invalid agent id");
    }

    [Fact]
    public async Task AgentIdTooLong_Is400()
    {
        await using var server = await StartAsync();

        using var response = await server.PostTriggerAsync(new string('a', 257), Request(PopupTrigger.Ring, "SUPPORT", "s1"));

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BrokenScript_IsAnErrorDecision_NotAFailedRequest()
    {
        await using var server = await HostAsync(
app => app.MapScreenPopup(configure: options => options.ResolveAgent = AgentFromHeader),
            services => services.AddScreenPopup(options =>
            {
                options.Sandbox.Timeout = TimeSpan.FromSeconds(30);
                options.Services["BROKEN"] = new PopupService { Script = "function popup(call) { throw new Error('boom'); }" };
            }));
        using var page = await server.ConnectAsync("mrossi");

        var decision = await server.TriggerAsync("mrossi", Request(PopupTrigger.Ring, "BROKEN", "s1"));

        decision.Action.Should().Be(PopupAction.Error);
        (await page.NextAsync())["decision"]!["action"]!.GetValue<string>().Should().Be("error", "the page shows a notice");
    }

    internal static string PopupJsonOf(PopupRequest request) => ScreenPopup.Serialization.PopupJson.Serialize(request);

    internal static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string because = "")
    {
        response.StatusCode.Should().Be(status, because);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        problem["status"]!.GetValue<int>().Should().Be((int)status);
        return problem;
    }

    /// <summary>A body sent without a Content-Length (chunked), as a client streaming it would.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly string body;

        public ChunkedContent(string body)
        {
            this.body = body;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(body)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
