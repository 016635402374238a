using System.Reflection;
using System.Text.Json.Nodes;

namespace ScreenPopup.Tests;

/// <summary>The screenpopup tool, run as a process (<c>dotnet ScreenPopup.Cli.dll …</c>) on the files under Cli/.</summary>
public sealed class CliTests
{
    private static readonly string Files = Path.Combine(AppContext.BaseDirectory, "Cli");

    private static string F(string name) => Path.Combine(Files, name);

    private static readonly string CliPath = Path.GetFullPath(typeof(CliTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ScreenPopupCliPath").Value!);

    private static Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => RunIn(Files, args);

    internal static Task<(int ExitCode, string Output, string Error)> RunIn(string workingDirectory, string[] args) =>
        DotnetCommand.RunAsync(workingDirectory, [CliPath, .. args], TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Evaluate_JsonRequest_PrintsIndentedDecisionWithSecretsMasked()
    {
        var (code, output, _) = await Run("evaluate", "--request", F("request.json"), "--script", F("popup.js"));

        code.Should().Be(0);
        var decision = JsonNode.Parse(output)!;
        decision["action"]!.GetValue<string>().Should().Be("open");
        decision["url"]!.GetValue<string>().Should().Be("https://crm.example/contact/search?token=***");
        decision["tvoxClient"]!["target"]!.GetValue<string>().Should().Be("browser");
        output.Should().Contain("\n  \"trigger\"").And.NotContain("SECRET");
    }

    [Fact]
    public async Task Evaluate_OneSecretInsideTheOther_MasksBothWhole()
    {
        using var files = new TempDirectory();
        var script = files.Write("popup.js", "({ onAnswer: 'https://crm.example/?t={$ACCESS_TOKEN}&p={$USER_PASSWORD}' })");
        var request = files.Write("request.json", """
            { "trigger": "answer", "call": { "CALL_SERVIZIO": "SUPPORT", "CALL_CHANNELSESSIONID": "s-1" },
              "agent": { "USERNAME": "mrossi", "USER_PASSWORD": "Tok", "ACCESS_TOKEN": "Tokyo-4242" } }
            """);

        var (code, output, _) = await Run("evaluate", "--request", request, "--script", script);

        code.Should().Be(0);
        JsonNode.Parse(output)!["url"]!.GetValue<string>().Should().Be("https://crm.example/?t=***&p=***");
    }

    [Fact]
    public async Task Evaluate_JsonLines_OneCompactDecisionPerLineInOrderWithDuplicates()
    {
        var (code, output, _) = await Run("evaluate", "--request", F("requests.jsonl"), "--script", F("popup.js"));

        code.Should().Be(0);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(4);
        lines.Select(l => (string?)JsonNode.Parse(l)!["reason"]?.GetValue<string>()).Should().Equal(null, "duplicate", null, null);
        output.Should().NotContain("SECRET");
    }

    [Fact]
    public async Task Evaluate_Config_UsesServicesAndPathsRelativeToTheFile()
    {
        var (code, output, _) = await Run("evaluate", "--request", F("answer.json"), "--config", F("config.json"));

        code.Should().Be(0);
        JsonNode.Parse(output)!["url"]!.GetValue<string>().Should().Be("https://crm.example/support?cli=%2B390212345678");
    }

    [Fact]
    public async Task Evaluate_ErrorDecision_ExitsOne()
    {
        var (code, output, _) = await Run("evaluate", "--request", F("answer.json"), "--script", F("runtime-error.js"));

        code.Should().Be(1);
        JsonNode.Parse(output)!["reason"]!.GetValue<string>().Should().Be("scriptRuntime");
    }

    [Theory]
    [InlineData("missing.json", "missing.json: the request file does not exist")]
    [InlineData("malformed.json", "malformed.json: The request JSON is invalid")]
    [InlineData("malformed.jsonl", "malformed.jsonl:2: The request JSON is invalid")]
    [InlineData("popup.js", "a request file is .json")]
    public async Task Evaluate_BadRequestFile_ExitsTwoNamingTheFile(string file, string expected)
    {
        var (code, output, error) = await Run("evaluate", "--request", F(file), "--script", F("popup.js"));

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain(expected).And.StartWith("screenpopup evaluate: ");
        error.TrimEnd().Should().NotContain("\n", "errors are one line");
    }

    [Fact]
    public async Task Evaluate_MalformedJson_GivesLineAndPosition()
    {
        var (_, _, error) = await Run("evaluate", "--request", F("malformed.json"), "--script", F("popup.js"));

        error.Should().Contain("$.call.CALL_CLI (line 1, column").And.Contain("expected a string").And.NotContain("System.");
    }

    [Theory]
    [InlineData("syntax-error.js", "syntax-error.js(2,11): error scriptSyntax: Unexpected token ';'")]
    [InlineData("missing.js", "missing.js: the script file does not exist")]
    public async Task Evaluate_BadScript_ExitsTwoNamingFileAndPosition(string script, string expected)
    {
        var (code, _, error) = await Run("evaluate", "--request", F("answer.json"), "--script", F(script));

        code.Should().Be(2);
        error.Should().Contain(expected);
    }

    [Fact]
    public async Task Evaluate_InvalidJsonConfig_ExitsTwoWithPosition()
    {
        var (code, _, error) = await Run("evaluate", "--request", F("answer.json"), "--config", F("invalid-json-config.json"));

        code.Should().Be(2);
        error.Should().Contain("invalid-json-config.json(1,").And.Contain("invalid JSON");
    }

    [Theory]
    [InlineData(new[] { "evaluate", "--request", "x.json" }, "needs --script FILE or --config FILE")]
    [InlineData(new[] { "evaluate", "--request", "x.json", "--script", "a.js", "--config", "b.json" }, "not both")]
    [InlineData(new[] { "evaluate", "--bogus", "1" }, "unknown argument '--bogus'")]
    [InlineData(new[] { "evaluate", "--request" }, "--request needs a value")]
    [InlineData(new[] { "simulate", "--calls", "many" }, "--calls must be a positive whole number")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    public async Task Usage_Errors_ExitTwoWithOneLine(string[] args, string expected)
    {
        var (code, _, error) = await Run(args);

        code.Should().Be(2);
        error.Should().Contain(expected);
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("check")]
    [InlineData("simulate")]
    [InlineData("bench")]
    [InlineData("run-bat")]
    public async Task Help_EveryCommand_PrintsItsUsage(string command)
    {
        var (code, output, _) = await Run(command, "--help");

        code.Should().Be(0);
        output.Should().StartWith($"Usage: screenpopup {command}");
    }

    [Fact]
    public async Task Check_GoodScript_ExitsZero()
    {
        var (code, output, _) = await Run("check", "--script", F("popup.js"));

        code.Should().Be(0);
        output.Should().NotContain("topLevelRunsEveryCall");
        output.Should().EndWith($"popup.js: 0 error(s), 0 warning(s){Environment.NewLine}");
    }

    [Fact]
    public async Task Check_TopLevelThatRunsEveryCall_IsAnInfoLineWithTheReason()
    {
        var (code, output, _) = await Run("check", "--script", F("slow-top-level.js"));

        code.Should().Be(0);
        output.Should().Contain($"{F("slow-top-level.js")}(3,3): info topLevelRunsEveryCall: the top level runs on every call, not once per engine " +
                                "(about 0.5 µs more per decision): the top-level function 'popup' is used other than by calling it by name");
        output.Should().EndWith($"slow-top-level.js: 0 error(s), 0 warning(s){Environment.NewLine}", "an info line is neither");
    }

    [Fact]
    public async Task Check_Warnings_ArePrintedAndExitZero()
    {
        var (code, output, _) = await Run("check", "--script", F("warnings.js"));

        code.Should().Be(0);
        output.Should().Contain("warnings.js: warning unknownKey: the result key 'onAnswere'").And.Contain("warning tabNameIgnored").And.Contain("(on answer)");
        output.Should().Contain("2 warning(s)", "a diagnostic found on every trigger is printed once");
    }

    [Fact]
    public async Task Check_PlaceholderSplitAcrossLiterals_IsAWarningAtItsPosition()
    {
        var (code, output, _) = await Run("check", "--script", F("split-placeholder.js"));

        code.Should().Be(0);
        output.Should().Contain($"{F("split-placeholder.js")}(3,34): warning placeholderNotWhole: this string does not form a whole placeholder in one string literal, so it is not bound");
        output.Should().EndWith($"split-placeholder.js: 0 error(s), 1 warning(s){Environment.NewLine}");
    }

    [Fact]
    public async Task Check_ScriptChangingABuiltIn_IsAWarningAtTheAssignment()
    {
        var (code, output, _) = await Run("check", "--script", F("polyfill.js"));

        code.Should().Be(0);
        output.Should().Contain($"{F("polyfill.js")}(2,3): warning builtInChanged: this changes the built-in String.prototype, and built-ins are frozen in the popup sandbox");
        output.Should().EndWith($"polyfill.js: 0 error(s), 1 warning(s){Environment.NewLine}");
    }

    [Fact]
    public async Task Check_SyntaxError_PrintsPositionAndExitsOne()
    {
        var (code, output, _) = await Run("check", "--script", F("syntax-error.js"));

        code.Should().Be(1);
        output.Should().Contain($"{F("syntax-error.js")}(2,11): error scriptSyntax: Unexpected token ';'");
    }

    [Fact]
    public async Task Check_RuntimeError_IsFoundByTheDryRun()
    {
        var (code, output, _) = await Run("check", "--script", F("runtime-error.js"));

        code.Should().Be(1);
        output.Should().Contain($"{F("runtime-error.js")}(2,").And.Contain("error scriptRuntime:").And.Contain("1 error(s)");
    }

    [Fact]
    public async Task Check_BadConfig_ReportsEveryProblem()
    {
        var (code, output, _) = await Run("check", "--config", F("bad-config.json"));

        code.Should().Be(1);
        output.Should().Contain($"{F("bad-config.json")}#ScreenPopup:Services:A:Script(2,22): error scriptSyntax: Unexpected token ';'");
        output.Should().Contain("error configuration: ScreenPopup:Services:B:").And.Contain("Chanels");
        output.Should().Contain("error configuration: ScreenPopup:Services:C:ScriptFile: cannot read");
        output.Should().Contain("3 error(s)");
    }

    [Fact]
    public async Task Check_GoodConfig_DryRunsEveryServiceIncludingLegacy()
    {
        var (code, output, _) = await Run("check", "--config", F("config.json"));

        code.Should().Be(0, output);
    }

    [Fact]
    public async Task Simulate_BuiltInSample_PrintsTableAndSummaryAndIsRepeatable()
    {
        var first = await Run("simulate", "--calls", "40", "--seed", "7");
        var second = await Run("simulate", "--calls", "40", "--seed", "7");

        first.ExitCode.Should().Be(0);
        first.Output.Should().Be(second.Output);
        first.Output.Should().Contain("40 interactions (seed 7):").And.Contain("| decision").And.Contain("none/");
        first.Output.Should().NotContain("simulated-token").And.NotContain("\u202E").And.NotContain("\r\nbreak");
    }

    [Fact]
    public async Task Bench_PrintsLibraryAndBaselineAndRatio()
    {
        var (code, output, _) = await Run("bench", "--request", F("answer.json"), "--script", F("popup.js"), "--seconds", "1");

        code.Should().Be(0);
        output.Should().Contain("decision: open").And.Contain("screenpopup").And.Contain("plain C# baseline").And.Contain("ratio screenpopup / baseline:");
    }

    [Fact]
    public async Task Bench_OnTwoThreads_AlsoPrintsHowBothScale()
    {
        var (code, output, _) = await Run("bench", "--request", F("answer.json"), "--script", F("popup.js"), "--seconds", "1", "--threads", "2");

        code.Should().Be(0);
        output.Should().Contain("2 thread(s)").And.MatchRegex(@"scaling from 1 to 2 threads \(median of 7 alternating rounds\): screenpopup \d+\.\d\d×, plain C# baseline \d+\.\d\d×");
    }

    [Fact]
    public async Task RunBat_NotALegacyDecision_ExitsOneWithoutRunning()
    {
        var (code, output, error) = await Run("run-bat", "--request", F("answer.json"), "--config", F("config.json"), "--interpreter", "/usr/lib/wine/wine64 cmd");

        code.Should().Be(1);
        error.Should().Contain("not runBatch");
        output.Should().Contain("\"action\": \"open\"");
    }

    [Fact]
    public async Task RunBat_MissingInterpreter_IsUnavailable()
    {
        var (code, output, _) = await Run("run-bat", "--request", F("legacy-request.json"), "--config", F("config.json"), "--interpreter", "/nonexistent/wine64 cmd");

        code.Should().Be(1);
        output.Should().Contain("unavailable (batchUnavailable)").And.Contain("/nonexistent/wine64");
    }

    [Fact]
    public async Task RunBat_WithRealCmd_RunsTheBatchWithNeutralisedValues()
    {
        var interpreter = RealCmd.InterpreterCommandLine();

        var (code, output, error) = await Run("run-bat", "--request", F("legacy-request.json"), "--config", F("config.json"), "--interpreter", interpreter);

        code.Should().Be(0, output + error);
        output.Should().Contain("exit code: 0").And.Contain("number=+39 02 1%22 %26 echo PWNED %3E pwned.txt %26 rem %22 event=answer");
        error.Should().Contain("warning legacyValueChanged");
        File.Exists(Path.Combine(Files, "bat", "pwned.txt")).Should().BeFalse();
    }
}

/// <summary>The command-line examples of docs/cli.md work as written.</summary>
public sealed class CliDocumentationExampleTests
{
    public static TheoryData<string> Examples()
    {
        var page = File.ReadAllText(Path.Combine(Repository.Root, "docs", "cli.md")).ReplaceLineEndings("\n");
        var section = page[page.IndexOf("## Examples", StringComparison.Ordinal)..];
        var block = section[(section.IndexOf("```\n", StringComparison.Ordinal) + 4)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        var examples = new TheoryData<string>();
        foreach (var line in block.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            examples.Add(line);
        }

        return examples;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_RunsWithoutUsageOrInputErrors(string example)
    {
        var words = BatchInterpreter.Parse(example);
        words.FileName.Should().Be("screenpopup");
        if (example.Contains("run-bat", StringComparison.Ordinal))
        {
            RealCmd.InterpreterCommandLine();
        }

        var (code, output, error) = await CliTests.RunIn(Repository.Root, [.. words.Arguments]);

        code.Should().Be(0, $"{example}\n{output}\n{error}");
        output.Should().NotContain("eyJhbGciOi.example.token");
    }
}
