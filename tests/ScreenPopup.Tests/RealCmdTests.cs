using System.Diagnostics;
using System.Text.Json;

namespace ScreenPopup.Tests;

/// <summary>
/// Real batch files through a real cmd: cmd.exe on Windows, wine's cmd elsewhere (Debian's wine64 package). Without
/// one these tests skip, naming the package; with CI=true a missing cmd fails them.
/// </summary>
public sealed class RealCmdTests : IDisposable
{
    private const string WineExecutable = "/usr/lib/wine/wine64";
    private static readonly Lazy<string?> WinePrefixReady = new(PrepareWine);
    private static readonly string LegacyFolder = Path.Combine(AppContext.BaseDirectory, "Legacy");
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string, string> InjectionCases()
    {
        var payloads = Payloads();
        var scripts = new[] { "tvox-documented-example.bat", "echo-documented-url.bat", "unquoted-echo.bat", "call-double-expansion.bat", "delayed-expansion.bat" };
        var cases = new TheoryData<string, string>();
        foreach (var script in scripts)
        {
            foreach (var payload in payloads)
            {
                cases.Add(script, payload.Name);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(InjectionCases))]
    public async Task HostileCallerData_WithDefaultPolicy_RunsNoCommand(string script, string payloadName)
    {
        var interpreter = RequireCmd();
        var payload = Payloads().Single(p => p.Name == payloadName).Value;

        var result = await RunAsync(interpreter, script, Call(cli: payload, popupInfo: payload));

        result.Status.Should().Be(BatchRunStatus.Completed, result.StandardError);
        Directory.EnumerateFiles(_directory.Path).Select(Path.GetFileName).Should().BeEquivalentTo([script], "no payload may create a file");
        result.StandardOutput.Should().NotContain("PWNED\r\n");
    }

    [Fact]
    public async Task HostileCallerData_WithUnsafeRawPolicy_DoesRunTheCommand()
    {
        var interpreter = RequireCmd();

        await RunAsync(interpreter, "tvox-documented-example.bat", Call(cli: "1\" & echo PWNED > pwned.txt & rem \""), LegacyValuePolicy.UnsafeRawValues);

        File.Exists(Path.Combine(_directory.Path, "pwned.txt")).Should().BeTrue("this is the attack the default policy stops; if it fails here, the injection tests prove nothing");
    }

    [Theory]
    [InlineData("+39 02 1234 5678")]
    [InlineData("0212345678")]
    [InlineData("Müller-Lüdenscheid è")]
    [InlineData("anna.rossi@example.com")]
    public async Task OrdinaryValues_ReachTheDocumentedUrlIntact(string cli)
    {
        var interpreter = RequireCmd();

        var result = await RunAsync(interpreter, "echo-documented-url.bat", Call(cli: cli));

        result.StandardOutput.Trim().Should().Be($"\"http://mycrm.net/call.php?pin=1234&idcall=c-77&number={cli}\"");
    }

    [Fact]
    public async Task DelayedExpansionScript_SeesTheValue()
    {
        var interpreter = RequireCmd();

        var result = await RunAsync(interpreter, "delayed-expansion.bat", Call(cli: "+39 02 1234"));

        result.StandardOutput.Trim().Should().Be("\"+39 02 1234\"");
    }

    [Fact]
    public async Task EndlessBatch_IsKilledAtTheTimeout()
    {
        var interpreter = RequireCmd();

        var result = await RunAsync(interpreter, "endless-loop.bat", Call(cli: "1"), timeout: TimeSpan.FromSeconds(3));

        result.Status.Should().Be(BatchRunStatus.TimedOut);
        result.Duration.Should().BeLessThan(TimeSpan.FromSeconds(20));
    }

    private async Task<BatchRunResult> RunAsync(BatchInterpreter interpreter, string script, CallVariables call, LegacyValuePolicy policy = LegacyValuePolicy.PercentEncode, TimeSpan? timeout = null)
    {
        var batch = Path.Combine(_directory.Path, script);
        File.Copy(Path.Combine(LegacyFolder, script), batch);
        var options = new ScreenPopupOptions();
        options.Legacy.ValuePolicy = policy;
        options.Legacy.MaxValueLength = 10_000;
        options.Services["servizio_1"] = new PopupService { Mode = PopupMode.LegacyBat, BatchFile = batch };
        var decision = PopupEvaluator.Create(options).Evaluate(new PopupRequest
        {
            Trigger = PopupTrigger.Answer,
            Call = call,
            Agent = new AgentVariables { Username = "mrossi", Pin = "1234" },
        });
        decision.Action.Should().Be(PopupAction.RunBatch);

        using var runner = new LegacyBatRunner(new LegacyBatRunnerOptions { Interpreter = interpreter, Timeout = timeout ?? TimeSpan.FromSeconds(60) });
        return await runner.RunAsync(decision.Batch!, TestContext.Current.CancellationToken);
    }

    private static CallVariables Call(string cli, string popupInfo = "info") =>
        new() { Service = "servizio_1", Cli = cli, LastCallId = "c-77", CallType = "inbound", PopupInfo = [popupInfo] };

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private static Payload[] Payloads() =>
        JsonSerializer.Deserialize<Payload[]>(File.ReadAllText(Path.Combine(LegacyFolder, "injection-payloads.json")), PayloadJson)!;

    /// <summary>The real cmd of this machine, or a skip (a failure when CI=true) naming what to install.</summary>
    private static BatchInterpreter RequireCmd()
    {
        if (OperatingSystem.IsWindows())
        {
            return BatchInterpreter.WindowsCmd;
        }

        const string missing = "wine64 is not installed: the real-cmd tests need Debian's wine64 package (apt-get install -y --no-install-recommends wine64)";
        if (!File.Exists(WineExecutable))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(missing);
            }

            Assert.Skip(missing);
        }

        if (WinePrefixReady.Value is { } problem)
        {
            Assert.Fail(problem);
        }

        return BatchInterpreter.Wine(WineExecutable);
    }

    /// <summary>wine creates its prefix on first use (several seconds); do it once, quietly, before timed runs.</summary>
    private static string? PrepareWine()
    {
        Environment.SetEnvironmentVariable("WINEDEBUG", "-all");
        var startInfo = new ProcessStartInfo(WineExecutable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "cmd", "/d", "/c", "exit", "0" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return "wine did not prepare its prefix within 3 minutes";
        }

        return null;
    }

    private sealed record Payload(string Name, string Value);
}
