using System.Text.Json.Nodes;

namespace ScreenPopup.Tests;

/// <summary>
/// Native AOT: publishes samples/ScreenPopup.AotHost (a Generic Host binding appsettings.json) as native code, reads
/// the publish output for trim and AOT warnings from ScreenPopup (none allowed; Jint's own, in CLR interop the sandbox
/// never enables, are listed), and runs the native program on a request. Needs clang and zlib1g-dev.
/// </summary>
[Collection(RepositoryBuilds.Name)]
public sealed class AotPublishTests
{
    [Fact]
    public async Task PublishAot_HostBindingAppSettings_HasNoWarningFromScreenPopupAndDecides()
    {
        NativeToolchain.Require("publishing the AOT host sample");
        using var output = new TempDirectory();

        var (code, stdout, stderr) = await DotnetCommand.RunAsync(Repository.Root,
            ["publish", "samples/ScreenPopup.AotHost/ScreenPopup.AotHost.csproj", "-c", "Release", "-r", "linux-x64", "-o", output.Path],
            TimeSpan.FromMinutes(20), TestContext.Current.CancellationToken);

        code.Should().Be(0, stdout + stderr);
        var warnings = (stdout + stderr).Split('\n').Where(l => l.Contains("warning IL", StringComparison.Ordinal)).ToList();
        // Each warning names where it comes from: Jint's assembly, or a Jint member. Anything else (a ScreenPopup member) fails.
        warnings.Should().OnlyContain(l => l.Contains("Jint.dll : warning IL", StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(l, @"warning IL\d+: Jint\."),
            "ScreenPopup is trimming- and AOT-safe; only Jint's CLR interop warns");

        var program = Path.Combine(output.Path, "ScreenPopup.AotHost");
        var (exit, decisionJson, error) = await ChildProcess.RunAsync(program, [], TimeSpan.FromMinutes(1), output.Path,
            """{ "trigger": "answer", "channel": "phone", "call": { "CALL_SERVIZIO": "SUPPORT", "CALL_CLI": "+39 02 1234" }, "agent": { "USERNAME": "mrossi" } }""",
            [], TestContext.Current.CancellationToken);

        exit.Should().Be(0, error);
        var decision = JsonNode.Parse(decisionJson)!;
        decision["action"]!.GetValue<string>().Should().Be("open");
        decision["url"]!.GetValue<string>().Should().Be("https://crm.example/contact?cli=%2B39%2002%201234&op=mrossi");
        decision["tvoxClient"]!["target"]!.GetValue<string>().Should().Be("webView", "appsettings.json was bound, in native code");
    }
}

/// <summary>Tests that build the repository's projects in Release (pack, publish) run one at a time: two builds of one project at once collide in its obj folder.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RepositoryBuilds
{
    public const string Name = "Repository builds";
}
