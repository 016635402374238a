using System.Text.Json;
using System.Text.RegularExpressions;

namespace ScreenPopup.Tests;

/// <summary>
/// The browser client shipped in ScreenPopup.AspNetCore (<c>client/screenpopup.js</c>) outside a browser: its rules under
/// Node's test runner with fakes of EventSource, window and fetch; its placeholder binding against the library's; its
/// TypeScript declarations against a host's code (Debian's node-typescript) and against what the module exports; and the
/// npm package it packs into. Real browsers: <see cref="WebClientBrowserTests"/>.
/// </summary>
public sealed class ClientModuleNodeTests
{
    private static readonly string ClientDirectory = Path.Combine(Repository.Root, "src", "ScreenPopup.AspNetCore", "client");
    private static readonly string Module = Path.Combine(ClientDirectory, "screenpopup.js");
    private static readonly string Declarations = Path.Combine(ClientDirectory, "screenpopup.d.ts");
    private static readonly string TestsDirectory = Path.Combine(Repository.Root, "tests", "ScreenPopup.IntegrationTests", "Presentation", "Client");

    [Fact]
    public async Task ClientRules_PassUnderNodesTestRunner_EveryOne()
    {
        var node = RequiredProgram.Ensure("/usr/bin/node", "nodejs", "the browser client's rules");
        var testFile = Path.Combine(TestsDirectory, "screenpopup.test.mjs");
        var declared = Regex.Count(await File.ReadAllTextAsync(testFile, TestContext.Current.CancellationToken), @"^test\(", RegexOptions.Multiline);

        var (exitCode, output, error) = await RunAsync(node, ["--test", "--test-reporter=tap", testFile], null, ("SCREENPOPUP_CLIENT", Module));

        exitCode.Should().Be(0, output + error);
        output.Should().Contain($"# pass {declared}\n", "every test in the file ran and passed").And.Contain("# fail 0\n");
    }

    /// <summary>
    /// The page binds pending placeholders as the library does (<see cref="AgentPlaceholders.Bind"/>): every value of a
    /// hostile corpus, into every kind of URL, with and without a secret.
    /// </summary>
    [Fact]
    public async Task PendingPlaceholders_AreBoundAsTheLibraryBindsThem()
    {
        var node = RequiredProgram.Ensure("/usr/bin/node", "nodejs", "the browser client's placeholder binding");
        string[] values =
        [
            "mrossi", "m rossi", "a&b=c#d", "100%", "%41", "{$USERNAME}", "<$ACCESS_TOKEN>", "ü€日本😀", "\ud800", "x\udc00y", "\u2028", "'\"<script>", "-._~", "!*'()", "/?:@", "+",
        ];
        string[] urls =
        [
            "https://crm.example/p?u={$USERNAME}&t={$ACCESS_TOKEN}", "http://crm.example/p?u=<$USERNAME>&pw=<$USER_PASSWORD>", "http://127.0.0.1:8080/?t={$ACCESS_TOKEN}",
            "http://localhost/?u={$SYSTEM_USERNAME}&pw={$USER_PASSWORD}", "HTTPS://crm.example/{$USERNAME}/{$USERNAME}", "http://[::1]/<$ACCESS_TOKEN>",
        ];
        var cases = (from url in urls from value in values select (url, value)).ToList();

        using var directory = new TempDirectory();
        var input = directory.Write("cases.json", JsonSerializer.Serialize(cases.Select(c => new[] { c.url, c.value })));
        var script = "const { bindPendingPlaceholders } = await import(process.env.SCREENPOPUP_CLIENT_URL);" +
                     "const cases = JSON.parse((await import('node:fs')).readFileSync(process.argv[1], 'utf8'));" +
                     "const names = ['USERNAME', 'SYSTEM_USERNAME', 'USER_PASSWORD', 'ACCESS_TOKEN'];" +
                     "const known = (value) => ({ USERNAME: value, SYSTEM_USERNAME: value, USER_PASSWORD: 'SECRET' + value, ACCESS_TOKEN: 'SECRET' + value });" +
                     "process.stdout.write(JSON.stringify(cases.map(([url, value]) => bindPendingPlaceholders(url, names, known(value)))));";
        var (exitCode, output, error) = await RunAsync(node, ["--input-type=module", "-e", script, input], null, ("SCREENPOPUP_CLIENT_URL", new Uri(Module).AbsoluteUri));
        exitCode.Should().Be(0, error);
        var bound = JsonSerializer.Deserialize<string[]>(output)!;

        for (var i = 0; i < cases.Count; i++)
        {
            var (url, value) = cases[i];
            var agent = new AgentVariables { Username = value, SystemUsername = value, UserPassword = "SECRET" + value, AccessToken = "SECRET" + value };
            var library = AgentPlaceholders.Bind(url, agent);
            var what = $"{url} with {JsonSerializer.Serialize(value)}";
            if (library.Succeeded)
            {
                bound[i].Should().Be(library.Url, what);
            }
            else
            {
                library.Error.Should().Be(PopupReason.InsecureSecret, what);
                bound[i].Should().NotContain("SECRET", "the page binds no secret into " + what);
            }
        }
    }

    [Fact]
    public async Task Declarations_TypeCheckAHostsCode()
    {
        var tsc = RequiredProgram.Ensure("/usr/bin/tsc", "node-typescript", "the client's TypeScript declarations");
        using var directory = new TempDirectory();
        File.Copy(Path.Combine(TestsDirectory, "usage.ts"), Path.Combine(directory.Path, "usage.ts"));
        File.Copy(Declarations, Path.Combine(directory.Path, "screenpopup.d.ts"));

        var (exitCode, output, error) = await RunAsync(
            tsc, ["--strict", "--noEmit", "--target", "es2022", "--module", "es2022", "--moduleResolution", "node", "--lib", "es2022,dom", "usage.ts"], directory.Path);

        exitCode.Should().Be(0, output + error);
    }

    [Fact]
    public async Task Declarations_DeclareWhatTheModuleExports()
    {
        var node = RequiredProgram.Ensure("/usr/bin/node", "nodejs", "the client's exports");
        var declared = Regex.Matches(await File.ReadAllTextAsync(Declarations, TestContext.Current.CancellationToken), @"^export (?:declare )?(?:function|class|const) (\w+)", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

        var (exitCode, output, error) = await RunAsync(
            node, ["--input-type=module", "-e", "const m = await import(process.env.SCREENPOPUP_CLIENT_URL); process.stdout.write(JSON.stringify(Object.keys(m).sort()));"],
            null, ("SCREENPOPUP_CLIENT_URL", new Uri(Module).AbsoluteUri));

        exitCode.Should().Be(0, error);
        JsonSerializer.Deserialize<string[]>(output).Should().Equal(declared);
    }

    [Fact]
    public async Task NpmPackage_HoldsTheModuleItsDeclarationsAndReadme()
    {
        var npm = RequiredProgram.Ensure("/usr/bin/npm", "npm", "packing the client for npm");

        var (exitCode, output, error) = await RunAsync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], ClientDirectory);

        exitCode.Should().Be(0, error);
        var pack = JsonDocument.Parse(output).RootElement[0];
        pack.GetProperty("name").GetString().Should().Be("@screenpopup/client");
        pack.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString())
            .Should().BeEquivalentTo("README.md", "package.json", "screenpopup.d.ts", "screenpopup.js");
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string[] arguments, string? workingDirectory, params (string Name, string? Value)[] environment) =>
        ChildProcess.RunAsync(program, arguments, TimeSpan.FromMinutes(3), workingDirectory, input: null, [.. environment, ("npm_config_update_notifier", "false")], TestContext.Current.CancellationToken);
}
