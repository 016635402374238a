namespace ScreenPopup.Tests;

/// <summary>
/// Every opened URL is exactly what a browser loads: the decision's URL is the WHATWG serialization of what the script
/// returned (compared with Node's <c>URL</c> over generated URLs in the integration tests, <c>BrowserUrlNodeTests</c>).
/// </summary>
public sealed class BrowserUrlTests
{
    private static readonly UrlPolicy Policy = new(ScreenPopupOptions.DefaultAllowedSchemes);

    [Theory]
    [InlineData("https://crm.example/a b", "https://crm.example/a%20b")]
    [InlineData("https://crm.example/?q=Rossi Mario&n=Müller", "https://crm.example/?q=Rossi%20Mario&n=M%C3%BCller")]
    [InlineData("https://crm.example/x\u2028y", "https://crm.example/x%E2%80%A8y")]
    [InlineData("HTTPS://CRM.Example:443/./a/../b?x#f g", "https://crm.example/b?x#f%20g")]
    [InlineData("https://crm.example", "https://crm.example/")]
    [InlineData("https://crm.example/{$ACCESS_TOKEN}?u=<$USERNAME>", "https://crm.example/{$ACCESS_TOKEN}?u=<$USERNAME>")]
    [InlineData("tvox:open?url=https://crm.example/a b", "tvox:open?url=https://crm.example/a%20b")]
    public void Url_IsWrittenAsABrowserLoadsIt(string url, string expected)
    {
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox(), AllowedSchemes = ["https", "tvox"] };
        options.Services[TestEvaluators.Service] = new PopupService { Script = $"({{ onAnswer: '{url}' }})" };

        var decision = PopupEvaluator.Create(options).Evaluate(TestEvaluators.Request(agent: new AgentVariables()));

        decision.Url.Should().Be(expected, decision.Message);
        if (expected != url)
        {
            decision.Diagnostics.Should().ContainSingle(d => d.Code == PopupDiagnosticCodes.UrlNormalized).Which.Severity.Should().Be(DiagnosticSeverity.Info);
        }
        else
        {
            decision.Diagnostics.Should().BeEmpty();
        }
    }

    [Theory]
    [InlineData("https://crm.example@attacker.example/", "user name or password")]
    [InlineData("http://0x7f.1/", "dotted decimal")]
    [InlineData("http://2130706433/", "dotted decimal")]
    [InlineData("https:crm.example/", "write the URL as https://host/path")]
    [InlineData("https:///crm.example/", "write the URL as https://host/path")]
    [InlineData("https://crm.example:99999/", "port")]
    [InlineData("https://[fe80::1%25eth0]/", "IPv6")]
    [InlineData("https://cr m.example/", "host")]
    public void Url_ABrowserWouldReadOtherwise_IsInvalid(string url, string message)
    {
        Policy.Check(url, out _, out _).Should().Contain(message);
    }
}
