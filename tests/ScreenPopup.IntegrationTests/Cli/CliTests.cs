using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using ScreenPopup.Cli;

namespace ScreenPopup.Tests;

/// <summary>
/// The screenpopup tool, run in process through its public entry point (<see cref="ScreenPopupTool.RunAsync"/>) on the
/// files under Cli/, as the process would run it: the same parsing, output and exit codes, without starting a process.
/// </summary>
public sealed class CliTests
{
    private static readonly string Files = Path.Combine(AppContext.BaseDirectory, "Cli");

    private static string F(string name) => Path.Combine(Files, name);

    internal static async Task<(int ExitCode, string Output, string Error)> Run(string[] args, Stream? input = null, bool colour = false, bool interactive = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new ToolConsole(output, error, input) { Colour = colour, Interactive = interactive };
        var code = await ScreenPopupTool.RunAsync(args, console, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    private static Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => Run(args, input: null);

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

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

    /// <summary>A request file saved with a UTF-8 byte order mark (as some Windows editors do) is read like one without.</summary>
    [Fact]
    public async Task Evaluate_RequestFileWithAByteOrderMark_IsRead()
    {
        var (code, output, error) = await Run("evaluate", "--request", F("with-bom.json"), "--script", F("popup.js"));

        code.Should().Be(0, error);
        JsonNode.Parse(output)!["action"]!.GetValue<string>().Should().Be("open");
    }

    /// <summary>Text that is not UTF-8 on standard input is the same error as in a file.</summary>
    [Fact]
    public async Task Evaluate_StandardInputThatIsNotUtf8_ExitsTwoSayingSo()
    {
        using var input = new MemoryStream(await File.ReadAllBytesAsync(F("invalid-utf8.jsonl"), TestContext.Current.CancellationToken));
        var (code, _, error) = await Run(["evaluate", "--request", "-", "--script", F("popup.js")], input);

        code.Should().Be(2);
        error.Should().Contain("stdin(1,72): invalid request at $.call.CALL_CLI: a string is not valid UTF-8");
    }

    [Theory]
    [InlineData("missing.json", "missing.json: the request file does not exist")]
    [InlineData("malformed.json", "malformed.json(2,27): invalid request at $.call.CALL_CLI: expected a string")]
    [InlineData("popup.js", "a request file is .json")]
    [InlineData("empty.jsonl", "empty.jsonl: holds no request")]
    [InlineData("invalid-utf8.json", "invalid-utf8.json(3,61): invalid request at $.call.CALL_CLI: a string is not valid UTF-8")]
    [InlineData("invalid-utf8.jsonl", "invalid-utf8.jsonl(1,72): invalid request at $.call.CALL_CLI: a string is not valid UTF-8")]
    public async Task Evaluate_BadRequestFile_ExitsTwoNamingTheFile(string file, string expected)
    {
        var (code, output, error) = await Run("evaluate", "--request", F(file), "--script", F("popup.js"));

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain(expected).And.StartWith("screenpopup evaluate: ");
        error.TrimEnd().Should().NotContain("\n", "errors are one line");
    }

    [Fact]
    public async Task Evaluate_MalformedLine_StopsThereAfterWritingTheDecisionsBeforeIt()
    {
        var (code, output, error) = await Run("evaluate", "--request", F("malformed.jsonl"), "--script", F("popup.js"));

        code.Should().Be(2);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().Contain("\"action\":\"open\"");
        error.Should().Be($"screenpopup evaluate: {F("malformed.jsonl")}(2,23): invalid request at $.trigger: expected one of ring, answer, hangup, demand{Environment.NewLine}");
    }

    [Fact]
    public async Task Evaluate_StandardInput_IsReadAsJsonLines()
    {
        var fromFile = await Run("evaluate", "--request", F("requests.jsonl"), "--script", F("popup.js"));

        var fromInput = await Run(["evaluate", "--request", "-", "--script", F("popup.js")], Utf8(File.ReadAllText(F("requests.jsonl"))));

        fromInput.ExitCode.Should().Be(0);
        fromInput.Output.Should().Be(fromFile.Output).And.NotBeEmpty();
    }

    [Fact]
    public async Task Evaluate_JsonLines_ReadsAheadOnlyABoundedNumberOfRequests()
    {
        const int Requests = 20_000;

        var (code, written, mostAhead) = await StreamAsync(Requests, File.ReadAllLines(F("requests.jsonl"))[0]);

        code.Should().Be(0);
        written.Should().Be(Requests);
        // Memory stays flat: the reader is never more than a few thousand requests ahead of what has been written. In
        // flight at most: two queues of 8 chunks of 256, the chunk each of the three stages holds, the reader's 64 KB
        // buffer and the writer's 64 KB of decisions not yet written out: about 5,300.
        mostAhead.Should().BeLessThan(6_000);
    }

    /// <summary>Streams that many copies of a request line (each its own session) through <c>evaluate --request -</c>; the exit code, the decisions written, and how far reading got ahead of writing.</summary>
    private static async Task<(int Code, int Written, int MostAhead)> StreamAsync(int requests, string line)
    {
        var output = new LineCountingWriter();
        using var input = new GeneratedLines(requests, i => line.Replace("\"s-1\"", $"\"s-{i}\"", StringComparison.Ordinal), () => output.Lines);
        var console = new ToolConsole(output, TextWriter.Null, input);
        var code = await ScreenPopupTool.RunAsync(["evaluate", "--request", "-", "--script", F("popup.js")], console, TestContext.Current.CancellationToken);
        return (code, output.Lines, input.MostLinesAheadOfOutput);
    }

    [Fact]
    public async Task Evaluate_ArgumentStartingWithAt_IsAFileNameNotAResponseFile()
    {
        using var files = new TempDirectory();
        var requests = files.Write("calls.jsonl", """{ "trigger": "ring", "agent": { "ACCESS_TOKEN": "tok-SECRET-1" } }""" + "\n");

        var (code, output, error) = await Run("evaluate", "--request", "@" + requests, "--script", F("popup.js"));

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("the request file does not exist").And.NotContain("SECRET", "the file is not read as arguments, so its content is never echoed");
    }

    [Fact]
    public async Task Evaluate_SecretLowerCasedByTheHostsNormalization_IsStillMasked()
    {
        using var files = new TempDirectory();
        var script = files.Write("popup.js", "({ onAnswer: 'https://{$ACCESS_TOKEN}.crm.example/x' })");
        var request = files.Write("request.json", """{ "trigger": "answer", "call": { "CALL_SERVIZIO": "S" }, "agent": { "ACCESS_TOKEN": "ABCdefSECRET" } }""");

        var (code, output, _) = await Run("evaluate", "--request", request, "--script", script);

        code.Should().Be(0);
        output.Should().NotContainEquivalentOf("ABCdefSECRET");
        JsonNode.Parse(output)!["url"]!.GetValue<string>().Should().Be("https://***.crm.example/x");
    }

    [Fact]
    public async Task Evaluate_LargeLines_ReadAheadIsBoundedInBytes()
    {
        const int Requests = 600;
        var payload = new string('x', 100_000);
        var line = File.ReadAllLines(F("requests.jsonl"))[0].Replace("\"CALL_TIPOCHIAMATA\"", $"\"CALL_CHANNELDATA\": \"{payload}\", \"CALL_TIPOCHIAMATA\"", StringComparison.Ordinal);

        var (code, written, mostAhead) = await StreamAsync(Requests, line);

        code.Should().Be(0);
        written.Should().Be(Requests);
        // Chunks are handed on at 1 MB of lines (10 of these): two queues of 8 chunks and the three stages' own hold
        // about 190 requests, plus the ~190 small decisions the writer buffers before its first 64 KB write. Chunks of
        // 256 requests would hold all 600 at once.
        mostAhead.Should().BeLessThan(500, "a caller's long payloads cannot fill memory 256 requests at a time");
    }

    [Fact]
    public async Task Evaluate_OptionEqualsValueSyntax_IsAccepted()
    {
        var (code, output, _) = await Run("evaluate", "--request=" + F("request.json"), "--script=" + F("popup.js"));

        code.Should().Be(0);
        JsonNode.Parse(output)!["action"]!.GetValue<string>().Should().Be("open");
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
        error.Should().Contain("invalid-json-config.json(1,").And.Contain("invalid JSON").And.NotContain("LineNumber");
    }

    [Theory]
    [InlineData(new[] { "evaluate", "--request", "x.json" }, "screenpopup evaluate: 'evaluate' needs --script FILE.js or --config FILE.json.")]
    [InlineData(new[] { "evaluate", "--request", "x.json", "--script", "a.js", "--config", "b.json" }, "Give --script or --config, not both.")]
    [InlineData(new[] { "evaluate", "--request", "x.json", "--script", "a.js", "--bogus", "1" }, "Unrecognized command or argument '--bogus'.")]
    [InlineData(new[] { "evaluate", "--script", "a.js", "--request" }, "Required argument missing for option: '--request'.")]
    [InlineData(new[] { "evaluate", "--request", "--script", "a.js" }, "screenpopup evaluate: --request needs a value, not the option '--script'. See")]
    [InlineData(new[] { "evaluate", "--script", "a.js" }, "Option '--request' is required.")]
    [InlineData(new[] { "simulate", "--calls", "many" }, "screenpopup simulate: --calls must be a positive whole number, not 'many'.")]
    [InlineData(new[] { "simulate", "--calls", "-3" }, "--calls must be a positive whole number, not '-3'.")]
    [InlineData(new[] { "check", "--script", "a.js", "--format", "xml" }, "--format must be text or json or sarif, not 'xml'.")]
    [InlineData(new[] { "frobnicate" }, "screenpopup: Unrecognized command or argument 'frobnicate'. See 'screenpopup --help'.")]
    [InlineData(new[] { "--version", "extra" }, "screenpopup: Unrecognized command or argument 'extra'. See 'screenpopup --help'.")]
    [InlineData(new[] { "evaluate", "--help", "--bogus" }, "screenpopup evaluate: Unrecognized command or argument '--bogus'.")]
    [InlineData(new[] { "simulate", "--seed", "-1" }, "--seed must be a whole number from 0, not '-1'.")]
    public async Task Usage_Errors_ExitTwoWithOneLineAndNothingOnOutput(string[] args, string expected)
    {
        var (code, output, error) = await Run(args);

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain(expected).And.EndWith($"--help'.{Environment.NewLine}");
        error.TrimEnd().Should().NotContain("\n", "errors are one line").And.NotContain("System.");
    }

    [Fact]
    public async Task NoArguments_PrintsTheCommandsOnStandardErrorAndExitsTwo()
    {
        var (code, output, error) = await Run();

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("Usage:").And.Contain("evaluate").And.Contain("check").And.Contain("simulate").And.Contain("bench").And.Contain("run-bat");
    }

    [Fact]
    public async Task Version_PrintsTheToolsVersion()
    {
        var (code, output, _) = await Run("--version");

        code.Should().Be(0);
        var expected = typeof(ScreenPopupTool).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        output.Trim().Should().Be(expected).And.StartWith("0.");
    }

    [Theory]
    [InlineData("[suggest:3]", "che", new[] { "check" })]
    [InlineData("[suggest:24]", "check --script x --form", new[] { "--format" })]
    [InlineData("[suggest:32]", "check --script x.js --format ", new[] { "json", "sarif", "text" })]
    public async Task Completions_SuggestDirective_OffersCommandsOptionsAndValues(string directive, string commandLine, string[] expected)
    {
        var (code, output, _) = await Run(directive, commandLine);

        code.Should().Be(0);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().Contain(expected);
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
        output.Should().Contain($"Usage:{Environment.NewLine}  screenpopup {command} [options]").And.Contain("Exit code: 0");
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
    public async Task Check_OnAColourTerminal_ColoursEachLineBySeverity()
    {
        var plain = await Run("check", "--script", F("warnings.js"));
        var coloured = await Run(["check", "--script", F("warnings.js")], colour: true);

        plain.Output.Should().NotContain("\u001b[");
        coloured.Output.Should().Contain("\u001b[").And.Contain("warning unknownKey");
        coloured.ExitCode.Should().Be(plain.ExitCode);
        // Colour only: each finding stays one line whatever the terminal's width (the terminal wraps it, and a copy of
        // it is whole), so without the colour codes it is the plain output.
        System.Text.RegularExpressions.Regex.Replace(coloured.Output, "\u001b\\[[0-9;]*m", "").Should().Be(plain.Output);
    }

    [Fact]
    public async Task Check_Json_ReportsCountsAndEveryDiagnosticWithItsPosition()
    {
        var (code, output, _) = await Run("check", "--script", F("split-placeholder.js"), "--format", "json");

        code.Should().Be(0);
        var report = JsonNode.Parse(output)!;
        report["file"]!.GetValue<string>().Should().Be(F("split-placeholder.js"));
        (report["errors"]!.GetValue<int>(), report["warnings"]!.GetValue<int>()).Should().Be((0, 1));
        var warning = report["diagnostics"]!.AsArray().Single(d => d!["severity"]!.GetValue<string>() == "warning")!;
        warning["code"]!.GetValue<string>().Should().Be("placeholderNotWhole");
        (warning["line"]!.GetValue<int>(), warning["column"]!.GetValue<int>()).Should().Be((3, 34));
        warning["service"]!.GetValue<string>().Should().Be("SCRIPT");
    }

    [Fact]
    public async Task Check_Sarif_IsALogWithRulesResultsAndRegions()
    {
        var (code, output, _) = await Run("check", "--config", F("bad-config.json"), "--format", "sarif");

        code.Should().Be(1, "the errors still decide the exit code");
        var log = JsonNode.Parse(output)!;
        log["version"]!.GetValue<string>().Should().Be("2.1.0");
        log["$schema"]!.GetValue<string>().Should().Contain("sarif-2.1.0");
        var run = log["runs"]!.AsArray().Single()!;
        run["tool"]!["driver"]!["name"]!.GetValue<string>().Should().Be("screenpopup");
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        var results = run["results"]!.AsArray();
        results.Should().HaveCount(3);
        foreach (var result in results)
        {
            rules[result!["ruleIndex"]!.GetValue<int>()].Should().Be(result["ruleId"]!.GetValue<string>());
            result["level"]!.GetValue<string>().Should().Be("error");
            result["message"]!["text"]!.GetValue<string>().Should().NotBeNullOrEmpty();
            result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>().Should().Be("Cli/bad-config.json");
        }

        // An inline script's position is inside a JSON string, not a position of the file: no region, the script named in the message.
        var syntax = results.Single(r => r!["ruleId"]!.GetValue<string>() == "scriptSyntax")!;
        syntax["locations"]![0]!["physicalLocation"]!["region"].Should().BeNull();
        syntax["message"]!["text"]!.GetValue<string>().Should().Contain("#ScreenPopup:Services:A:Script");
    }

    [Fact]
    public async Task Check_ConfigurationInAFolder_LocatesItsScriptFilesFromTheWorkingDirectory()
    {
        var (_, output, _) = await Run("check", "--config", F(Path.Combine("nested", "config.json")), "--format", "sarif");

        var result = JsonNode.Parse(output)!["runs"]![0]!["results"]!.AsArray().Single(r => r!["ruleId"]!.GetValue<string>() == "tabNameIgnored")!;
        result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>().Should().Be("Cli/nested/popups/warn.js");
    }

    [Fact]
    public async Task Check_ConfigurationTheHostWouldReject_IsAnErrorEvenThoughTheDryRunSetsFiltersAside()
    {
        using var files = new TempDirectory();
        var config = files.Write("config.json", """{ "ScreenPopup": { "Services": { "A": { "Script": "({ onAnswer: 'https://x.example/' })", "Channels": ["bogus"] } } } }""");

        var (code, output, _) = await Run("check", "--config", config);

        code.Should().Be(1);
        output.Should().Contain("error configuration: ScreenPopup:Services:A:Channels").And.Contain("bogus");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    public async Task Check_ConfigurationWhoseRootIsNotAnObject_IsOneLineExitTwo(string json)
    {
        using var files = new TempDirectory();
        var config = files.Write("config.json", json);

        var (code, _, error) = await Run("check", "--config", config);

        code.Should().Be(2);
        error.Should().Contain("its root must be a JSON object");
        error.TrimEnd().Should().NotContain("\n");
    }

    [Fact]
    public async Task Check_ScriptErrorWithEscapeSequences_IsPrintedAsTextOnOneLine()
    {
        using var files = new TempDirectory();
        var script = files.Write("esc.js", "function popup(c) { throw new Error('\\x1b]0;PWNED\\x07\\x1b[2J\\nsecond line'); }");

        var (code, output, _) = await Run(["check", "--script", script], colour: true);

        code.Should().Be(1);
        output.Should().Contain("\\u001B]0;PWNED\\u0007").And.NotContain("\u001b]0;").And.NotContain("\u001b[2J");
        output.Split('\n').Should().ContainSingle(l => l.Contains("PWNED", StringComparison.Ordinal)).Which.Should().Contain("second line");
    }

    [Fact]
    public async Task Check_SarifForAScriptFile_HasTheRegion()
    {
        var (_, output, _) = await Run("check", "--script", F("syntax-error.js"), "--format", "sarif");

        var result = JsonNode.Parse(output)!["runs"]![0]!["results"]![0]!;
        var location = result["locations"]![0]!["physicalLocation"]!;
        location["artifactLocation"]!["uri"]!.GetValue<string>().Should().Be("Cli/syntax-error.js");
        (location["region"]!["startLine"]!.GetValue<int>(), location["region"]!["startColumn"]!.GetValue<int>()).Should().Be((2, 11));
        (result["ruleId"]!.GetValue<string>(), result["level"]!.GetValue<string>()).Should().Be(("scriptSyntax", "error"));
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
    public async Task Check_ConfigurationWithoutServices_WarnsButPasses()
    {
        using var work = new TempDirectory();
        var config = Path.Combine(work.Path, "empty.json");
        File.WriteAllText(config, """{ "ScreenPopup": { "Services": {} } }""");

        var (code, output, _) = await Run("check", "--config", config);

        code.Should().Be(0, "a warning is not an error");
        output.Should().Contain("noServices").And.Contain("every request is decided none/serviceUnknown");
    }

    [Fact]
    public async Task Simulate_BuiltInSample_PrintsTableAndSummaryAndIsRepeatable()
    {
        var first = await Run("simulate", "--calls", "40", "--seed", "7");
        var second = await Run("simulate", "--calls", "40", "--seed", "7");

        first.ExitCode.Should().Be(0);
        first.Output.Should().Be(second.Output);
        first.Output.Should().Contain("40 interactions (seed 7):").And.Contain("| decision").And.Contain("none/");
        first.Output.Should().NotContain("simulated-token").And.NotContain("\u202E").And.NotContain("\r\nbreak").And.NotContain("\u001b[");
        first.Output.Split('\n').Should().NotContain(line => line.Length > 0 && (line.TrimEnd() != line.TrimEnd('\r') || string.IsNullOrWhiteSpace(line.TrimEnd('\r'))),
            "a table in a file has no padding lines or trailing spaces");
    }

    [Fact]
    public async Task Simulate_CallerDataWithPipes_KeepsEveryMarkdownRowInItsColumns()
    {
        var (code, output, _) = await Run("simulate", "--calls", "200", "--seed", "3");

        code.Should().Be(0);
        output.Should().Contain("1\\|2\\|3", "a caller id with pipes is in the sample");
        var rows = output.Split('\n').Where(line => line.StartsWith('|')).ToList();
        rows.Select(row => System.Text.RegularExpressions.Regex.Count(row, @"(?<!\\)\|")).Distinct().Should().ContainSingle("every row has the table's columns");
    }

    [Fact]
    public async Task Simulate_SeedZero_IsASeed()
    {
        var first = await Run("simulate", "--calls", "5", "--seed", "0");
        var second = await Run("simulate", "--calls", "5", "--seed", "0");

        first.ExitCode.Should().Be(0, first.Error);
        first.Output.Should().Contain("5 interactions (seed 0):").And.Be(second.Output);
    }

    [Fact]
    public async Task Simulate_OnATerminalWithoutColour_StillDrawsBoxes()
    {
        using var output = new StringWriter();
        var console = new ToolConsole(output, TextWriter.Null) { OutputIsTerminal = true, Colour = false };

        var code = await ScreenPopupTool.RunAsync(["simulate", "--calls", "3"], console, TestContext.Current.CancellationToken);

        code.Should().Be(0);
        output.ToString().Should().Contain("╭").And.NotContain("| decision", "NO_COLOR takes the colour away, not the terminal's table").And.NotContain("\u001b[3");
    }

    [Fact]
    public async Task Simulate_CallerDataThatLooksLikeMarkup_IsShownAsText()
    {
        var (code, output, _) = await Run("simulate", "--calls", "200", "--seed", "3");

        code.Should().Be(0);
        output.Should().Contain("[red]markup[/]", "caller data is never read as Spectre markup");
    }

    [Fact]
    public async Task Simulate_Json_HasEveryInteractionAndASummaryThatAddsUp()
    {
        var (code, output, _) = await Run("simulate", "--calls", "30", "--seed", "5", "--format", "json");

        code.Should().Be(0);
        var report = JsonNode.Parse(output)!;
        report["seed"]!.GetValue<int>().Should().Be(5);
        var interactions = report["interactions"]!.AsArray();
        interactions.Should().HaveCount(30);
        interactions.Select(i => i!["number"]!.GetValue<int>()).Should().Equal(Enumerable.Range(1, 30));
        interactions.Should().OnlyContain(i => i!["decision"]!["action"] != null && i["request"]!["trigger"] != null && i["outcome"] != null);
        report["summary"]!.AsObject().Sum(p => p.Value!.GetValue<int>()).Should().Be(30);
        output.Should().NotContain("simulated-token");
    }

    [Fact]
    public async Task Bench_PrintsLibraryAndBaselineAndRatio()
    {
        var (code, output, _) = await Run("bench", "--request", F("answer.json"), "--script", F("popup.js"), "--seconds", "1");

        code.Should().Be(0);
        output.Should().Contain("decision: open").And.Contain("screenpopup").And.Contain("plain C# baseline").And.Contain("ratio screenpopup / baseline:");
        output.Should().Contain("p50 µs").And.Contain("p99 µs").And.Contain("max µs");
    }

    [Fact]
    public async Task Bench_Json_MeanAndPercentilesComeFromTheSameCalls()
    {
        var (code, output, _) = await Run("bench", "--request", F("answer.json"), "--script", F("popup.js"), "--seconds", "1", "--threads", "2", "--format", "json");

        code.Should().Be(0);
        var report = JsonNode.Parse(output)!;
        report["decision"]!.GetValue<string>().Should().Be("open");
        report["scaling"]!["rounds"]!.GetValue<int>().Should().Be(7);
        foreach (var name in new[] { "screenpopup", "baseline" })
        {
            var figures = report[name]!;
            double Get(string key) => figures[key]!.GetValue<double>();
            Get("decisions").Should().BePositive();
            Get("p50Microseconds").Should().BeLessThanOrEqualTo(Get("p99Microseconds"));
            Get("p99Microseconds").Should().BeLessThanOrEqualTo(Get("maxMicroseconds"));
            Get("meanMicroseconds").Should().BeLessThanOrEqualTo(Get("maxMicroseconds"));
            // The time inside the calls cannot exceed the wall-clock time of every thread (2 threads, 1 s each, with slack for the clock reads).
            (Get("decisions") * Get("meanMicroseconds")).Should().BeLessThanOrEqualTo(2 * 1_000_000 * 1.05, name);
            // The rate is over the time the run took, which outlasts the second asked for (the last calls end after it).
            Get("decisionsPerSecond").Should().BeLessThan(Get("decisions") / 1.0, name);
        }
    }

    [Fact]
    public async Task Bench_OnATerminal_ShowsProgressOnStandardError()
    {
        var (code, output, error) = await Run(["bench", "--request", F("answer.json"), "--script", F("popup.js"), "--seconds", "1"], interactive: true);

        code.Should().Be(0);
        error.Should().Contain("plain C# baseline");
        output.Should().Contain("ratio screenpopup / baseline:");
    }

    [Fact]
    public async Task Bench_NotOnATerminal_IsSilentOnStandardError()
    {
        var (_, _, error) = await Run("bench", "--request", F("answer.json"), "--script", F("popup.js"), "--seconds", "1");

        error.Should().BeEmpty();
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
        output.Should().Contain("pin=***", "the batch echoed the PIN it was given").And.NotContain("4321");
        error.Should().Contain("warning legacyValueChanged");
        File.Exists(Path.Combine(Files, "bat", "pwned.txt")).Should().BeFalse();
    }

    /// <summary>Standard output that counts the lines written to it.</summary>
    private sealed class LineCountingWriter : TextWriter
    {
        private int _lines;

        public int Lines => Volatile.Read(ref _lines);

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                Interlocked.Increment(ref _lines);
            }
        }

        public override void Write(string? value) => Interlocked.Add(ref _lines, value?.Count(c => c == '\n') ?? 0);
    }

    /// <summary>Standard input made line by line as it is read (at most one line per read), recording how far reading gets ahead of the output.</summary>
    private sealed class GeneratedLines(int lines, Func<int, string> line, Func<int> linesWritten) : Stream
    {
        private int _handedOut;
        private ReadOnlyMemory<byte> _pending;

        public int MostLinesAheadOfOutput { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_pending.IsEmpty)
            {
                if (_handedOut == lines)
                {
                    return 0;
                }

                _pending = Encoding.UTF8.GetBytes(line(++_handedOut) + "\n");
                MostLinesAheadOfOutput = Math.Max(MostLinesAheadOfOutput, _handedOut - linesWritten());
            }

            var length = Math.Min(count, _pending.Length);
            _pending.Span[..length].CopyTo(buffer.AsSpan(offset, length));
            _pending = _pending[length..];
            return length;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>The command-line examples of docs/cli.md work as written, run as a process (<c>dotnet ScreenPopup.Cli.dll …</c>) from the repository root as a user would.</summary>
public sealed class CliDocumentationExampleTests
{
    /// <summary>The tool's assembly as built beside the tests, run with <c>dotnet</c>.</summary>
    internal static readonly string CliPath = Path.GetFullPath(typeof(CliDocumentationExampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ScreenPopupCliPath").Value!);

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

        var (code, output, error) = await DotnetCommand.RunAsync(Repository.Root, [CliPath, .. words.Arguments], TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        code.Should().Be(0, $"{example}\n{output}\n{error}");
        output.Should().NotContain("eyJhbGciOi.example.token");
    }
}

/// <summary>
/// Started without standard input (descriptor 0 closed, as by <c>&lt;&amp;-</c>), <c>--request -</c> is one clear input
/// error. Before, the managed tool waited forever on the runtime's own pipe, which had taken descriptor 0, and the native
/// one read the script's bytes as requests. Run as a process through <c>sh</c>, which closes the descriptor.
/// </summary>
public sealed class ClosedStandardInputTests
{
    [Fact]
    public async Task Evaluate_StandardInputClosed_IsAnInputErrorNotAWaitNorAnotherFile()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("standard input is found closed through /proc, on Linux");
        }

        var (code, output, error) = await WithoutStandardInput("dotnet", CliDocumentationExampleTests.CliPath);

        code.Should().Be(2, error);
        output.Should().BeEmpty();
        error.Should().Be("screenpopup evaluate: stdin: the tool was started without standard input (descriptor 0 closed); pipe the requests into it, or give --request FILE.jsonl\n");
    }

    /// <summary>Runs <c>evaluate --request -</c> with descriptor 0 closed; a wait would end at the bound and fail the test.</summary>
    internal static Task<(int ExitCode, string Output, string Error)> WithoutStandardInput(params string[] command) =>
        ChildProcess.RunAsync("/bin/sh", ["-c", "exec \"$@\" <&-", "sh", .. command, "evaluate", "--request", "-", "--script", Path.Combine(Repository.Root, "samples", "cli", "popups", "support.js")],
            TimeSpan.FromMinutes(1), Repository.Root, "", [], TestContext.Current.CancellationToken);
}
