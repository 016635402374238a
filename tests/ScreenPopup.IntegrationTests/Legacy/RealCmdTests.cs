using System.Text.Json;

namespace ScreenPopup.Tests;

/// <summary>
/// Real batch files through a real cmd: cmd.exe on Windows, wine's cmd elsewhere (Debian's wine64 package). Without
/// one these tests skip, naming the package; with CI=true a missing cmd fails them.
/// </summary>
public sealed class RealCmdTests : IDisposable
{
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
        var interpreter = RealCmd.RequireInterpreter();
        var payload = Payloads().Single(p => p.Name == payloadName).Value;

        var result = await RunAsync(interpreter, script, Call(cli: payload, popupInfo: payload));

        result.Status.Should().Be(BatchRunStatus.Completed, result.StandardError);
        Directory.EnumerateFiles(_directory.Path).Select(Path.GetFileName).Should().BeEquivalentTo([script], "no payload may create a file");
        result.StandardOutput.Should().NotContain("PWNED\r\n");
    }

    [Fact]
    public async Task HostileCallerData_WithUnsafeRawPolicy_DoesRunTheCommand()
    {
        var interpreter = RealCmd.RequireInterpreter();

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
        var interpreter = RealCmd.RequireInterpreter();

        var result = await RunAsync(interpreter, "echo-documented-url.bat", Call(cli: cli));

        result.StandardOutput.Trim().Should().Be($"\"http://mycrm.net/call.php?pin=1234&idcall=c-77&number={cli}\"");
    }

    [Fact]
    public async Task DelayedExpansionScript_SeesTheValue()
    {
        var interpreter = RealCmd.RequireInterpreter();

        var result = await RunAsync(interpreter, "delayed-expansion.bat", Call(cli: "+39 02 1234"));

        result.StandardOutput.Trim().Should().Be("\"+39 02 1234\"");
    }

    [Fact]
    public async Task EndlessBatch_IsKilledAtTheTimeout()
    {
        var interpreter = RealCmd.RequireInterpreter();

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

    private sealed record Payload(string Name, string Value);
}
