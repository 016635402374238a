using System.Text.Json.Nodes;

namespace ScreenPopup.Tests;

/// <summary>USER_PASSWORD and ACCESS_TOKEN appear nowhere but inside the URL they were bound into.</summary>
public sealed class SecretsTests
{
    private const string Token = "T0KEN-5ecret-value";
    private const string Password = "Pa55-5ecret-value";
    private static readonly AgentVariables Agent = new() { Username = "mrossi", AccessToken = Token, UserPassword = Password, Pin = "9876" };

    public static TheoryData<string> Scripts() => new()
    {
        "({ onAnswer: 'https://crm.example/?t={$ACCESS_TOKEN}&p={$USER_PASSWORD}' })",
        "({ onAnswer: 'http://crm.example/?t={$ACCESS_TOKEN}' })",
        "({ onAnswer: 'https://crm.example/?t={$ACCESS_TOKN}' })",
        "({ onAnswer: 'https://crm.example/?t={$ACCESS_TOKEN}&x=' + 'y'.repeat(9000) })",
        "({ onAnswer: 'https://crm.example/\\u0000?t={$ACCESS_TOKEN}' })",
        "({ onAnswer: 'ftp://crm.example/?t={$ACCESS_TOKEN}' })",
        "function popup() { throw new Error('{$ACCESS_TOKEN}'); }",
        "function popup() { for (;;) {} }",
        "({ onAnswer: 42 })",
        "({ onAnswer: 'https://crm.example/?t={$ACCESS_TOKEN}', webClientTabName: '{$USER_PASSWORD}' })",
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Decision_OfAnyKind_CarriesSecretsOnlyInItsUrl(string script)
    {
        var evaluator = TestEvaluators.ForScript(script);

        var decision = evaluator.Evaluate(TestEvaluators.Request(agent: Agent));

        string[] outsideUrl = [decision.Message ?? "", decision.ToString(), .. decision.Diagnostics.Select(d => d.Message), decision.WebClient?.TabName ?? ""];
        outsideUrl.Should().AllSatisfy(text => text.Should().NotContain(Token).And.NotContain(Password));
        var json = JsonNode.Parse(PopupJson.Serialize(decision))!.AsObject();
        json.Remove("url");
        json.ToJsonString().Should().NotContain(Token).And.NotContain(Password);
        if (decision.Url is { } url && (url.Contains(Token, StringComparison.Ordinal) || url.Contains(Password, StringComparison.Ordinal)))
        {
            decision.UrlContainsSecret.Should().BeTrue();
            url.Should().StartWith("https://");
        }
    }

    /// <summary>URLs whose check or normalization quotes the part a secret was bound into: as written, lower-cased, or encoded.</summary>
    public static TheoryData<string> UrlsQuotedByTheirCheck() => new()
    {
        "({ onAnswer: '{$ACCESS_TOKEN}:x' })",
        "({ onAnswer: '{$USER_PASSWORD}://crm.example/' })",
        "({ onAnswer: 'https://{$ACCESS_TOKEN}.crm.example/x' })",
        "({ onAnswer: 'https://crm.example:{$ACCESS_TOKEN}/x' })",
        "({ onAnswer: 'https://crm.example/{$ACCESS_TOKEN} x' })",
        "({ onAnswer: 'http://[{$ACCESS_TOKEN}]/x' })",
    };

    [Theory]
    [MemberData(nameof(UrlsQuotedByTheirCheck))]
    public void Decision_WhoseUrlCheckQuotesTheUrl_CarriesNoSecretInMessageOrDiagnostics(string script)
    {
        var evaluator = TestEvaluators.ForScript(script, configure: o => o.AllowSecretsOverHttp = true);

        var decision = evaluator.Evaluate(TestEvaluators.Request(agent: Agent));

        string[] outsideUrl = [decision.Message ?? "", .. decision.Diagnostics.Select(d => d.Message)];
        outsideUrl.Should().AllSatisfy(text => text.Should().NotContainEquivalentOf(Token).And.NotContainEquivalentOf(Password)
            .And.NotContainEquivalentOf(Uri.EscapeDataString(Token)));
    }

    [Fact]
    public void InvalidRequestJson_ExceptionMessage_CarriesNoSecret()
    {
        var act = () => PopupJson.DeserializeRequest($$"""{ "trigger": "ring", "agent": { "ACCESS_TOKEN": "{{Token}}", "USER_PASSWORD": 42 } }""");

        act.Should().Throw<PopupJsonException>().Which.ToString().Should().NotContain(Token);
    }

    [Fact]
    public void ClientBinding_OfAUrlTheServerBoundASecretInto_ToStringCarriesNoSecret()
    {
        // The client-side flow: the server bound the token and left USERNAME pending; the client binds only USERNAME.
        var binding = AgentPlaceholders.Bind($"https://crm.example/?t={Token}&u={{$USERNAME}}", new AgentVariables { Username = "mrossi" });

        binding.Url.Should().Contain(Token);
        binding.ToString().Should().NotContain(Token);
    }

    [Fact]
    public void Records_ToString_CarryNoSecret()
    {
        var request = TestEvaluators.Request(agent: Agent);
        var binding = AgentPlaceholders.Bind("https://crm.example/?t={$ACCESS_TOKEN}", Agent);
        var batch = new BatchInvocation { File = "a.bat", Environment = new Dictionary<string, string> { ["PIN"] = "9876" } };

        new[] { request.ToString(), Agent.ToString(), binding.ToString(), batch.ToString() }
            .Should().AllSatisfy(text => text.Should().NotContain(Token).And.NotContain(Password).And.NotContain("9876"));
    }
}
