namespace ScreenPopup.Tests;

/// <summary>
/// The placeholder provenance rule: an agent placeholder is bound only when the admin wrote it whole in the script. Every
/// transformation a script may apply to caller data is tried against every placeholder spelling; the hostile corpus
/// (<c>Hostile/provenance</c>) has the same attacks as whole requests.
/// </summary>
public sealed class PlaceholderProvenanceTests
{
    private static readonly AgentVariables Agent = new()
    {
        Username = "user-VALUE", SystemUsername = "system-VALUE", UserPassword = "password-VALUE", AccessToken = "token-VALUE",
    };

    /// <summary>How a script might turn a caller's text into part of a URL: (name, caller text for a given placeholder, the script's expression over the call).</summary>
    private static readonly (string Name, Func<string, string> Encode, string Expression)[] Transformations =
    [
        ("as is", p => p, "call.CALL_CHANNELDATA"),
        ("JSON.parse of \\u escapes", p => "\"" + string.Concat(p.Select(c => $"\\u{(int)c:x4}")) + "\"", "JSON.parse(call.CALL_CHANNELDATA)"),
        ("JSON.parse with a reviver", p => "\"" + string.Concat(p.Select(c => $"\\u{(int)c:x4}")) + "\"", "JSON.parse(call.CALL_CHANNELDATA, function (k, v) { return v; })"),
        ("decodeURIComponent", Uri.EscapeDataString, "decodeURIComponent(call.CALL_CHANNELDATA)"),
        ("decodeURI", p => string.Concat(p.Select(c => $"%{(int)c:X2}")), "decodeURI(call.CALL_CHANNELDATA)"),
        ("unescape", p => string.Concat(p.Select(c => $"%u{(int)c:X4}")), "unescape(call.CALL_CHANNELDATA)"),
        ("join of characters", p => string.Join("|", p.ToCharArray()), "call.CALL_CHANNELDATA.split('|').join('')"),
        ("whitespace removed", p => string.Join(" ", p.ToCharArray()), "call.CALL_CHANNELDATA.replace(/\\s+/g, '')"),
        ("NFKC of full-width forms", p => new string(p.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '\uFF01') : c).ToArray()), "call.CALL_CHANNELDATA.normalize('NFKC')"),
        ("upper-cased", p => p.ToLowerInvariant(), "call.CALL_CHANNELDATA.toUpperCase()"),
        ("reversed", p => new string(p.Reverse().ToArray()), "call.CALL_CHANNELDATA.split('').reverse().join('')"),
        ("char codes", p => string.Join(",", p.Select(c => (int)c)), "String.fromCharCode.apply(null, call.CALL_CHANNELDATA.split(',').map(Number))"),
        ("replace of a stand-in", p => p.Replace("$", "@", StringComparison.Ordinal), "call.CALL_CHANNELDATA.replace('@', '$$')"),
        ("template of halves", p => p, "`${call.CALL_CHANNELDATA.slice(0, 2)}${call.CALL_CHANNELDATA.slice(2)}`"),
        ("concat of halves", p => p, "call.CALL_CHANNELDATA.slice(0, 1).concat(call.CALL_CHANNELDATA.slice(1))"),
        ("array built by caller", p => "[" + string.Join(",", p.Select(c => $"\"{c}\"")) + "]", "JSON.parse(call.CALL_CHANNELDATA).join('')"),
    ];

    public static TheoryData<string, string> Attacks()
    {
        var attacks = new TheoryData<string, string>();
        foreach (var (name, _, _) in Transformations)
        {
            foreach (var placeholder in AgentPlaceholders.Names.SelectMany(n => new[] { "{$" + n + "}", "<$" + n + ">" }))
            {
                attacks.Add(name, placeholder);
            }
        }

        return attacks;
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void CallerData_Transformed_NeverBindsAnAgentValue(string transformation, string placeholder)
    {
        var (_, encode, expression) = Transformations.Single(t => t.Name == transformation);
        var script = $"function popup(call) {{ return {{ onAnswer: 'https://crm.example/?u={{$USERNAME}}&q=' + {expression} }}; }}";
        var request = TestEvaluators.Request(agent: Agent) with
        {
            Call = new CallVariables { Service = TestEvaluators.Service, ChannelSessionId = "s-1", ChannelData = encode(placeholder) },
        };

        var decision = TestEvaluators.ForScript(script).Evaluate(request);

        decision.Action.Should().Be(PopupAction.Open, decision.Message);
        decision.Url.Should().StartWith("https://crm.example/?u=user-VALUE&q=", "the admin's placeholder binds");
        decision.Url.Should().NotContainAny(["system-VALUE", "password-VALUE", "token-VALUE"]);
        decision.Url!["https://crm.example/?u=user-VALUE&q=".Length..].Should().NotContain("user-VALUE");
        decision.PendingPlaceholders.Should().BeEmpty();
        AgentPlaceholders.Bind(decision.Url!, Agent).Url.Should().Be(decision.Url, "a client binding pending placeholders finds none in caller data either");
    }

    [Fact]
    public void WrittenPlaceholders_BindAndStayPending_AsBefore()
    {
        var script = "function popup(call) { return { onAnswer: `https://crm.example/?u={$USERNAME}&s=<$SYSTEM_USERNAME>&t={$ACCESS_TOKEN}` }; }";

        var decision = TestEvaluators.ForScript(script).Evaluate(TestEvaluators.Request(agent: new AgentVariables { Username = "mrossi" }));

        decision.Url.Should().Be("https://crm.example/?u=mrossi&s=<$SYSTEM_USERNAME>&t={$ACCESS_TOKEN}");
        decision.PendingPlaceholders.Should().Equal(AgentPlaceholders.SystemUsername, AgentPlaceholders.AccessToken);
        AgentPlaceholders.Bind(decision.Url!, Agent).Url.Should().Be("https://crm.example/?u=mrossi&s=system-VALUE&t=token-VALUE");
    }

    [Theory]
    [InlineData("var u = 'https://crm.example/?u={$' + 'USERNAME}';", 1, 33)]
    [InlineData("var u = 'https://crm.example/?u={' + '$USERNAME}';", 1, 39)]
    [InlineData("var u = 'https://crm.example/?u=' +\n  \"<$ACCESS_TOKEN\" + '>';", 2, 4)]
    [InlineData("var u = 'https://crm.example/?u=\\u007B$USERNAME}';", 1, 39)]
    [InlineData("var u = 'https://crm.example/?u=\\u007B\\u0024USERNAME\\u007D';", 1, 9)]
    [InlineData("var u = `https://crm.example/?u=${1}{$`;", 1, 37)]
    public void TryCompile_PlaceholderNotWrittenWhole_WarnsAtItsPosition(string topLevel, int line, int column)
    {
        var compiled = PopupScript.TryCompile(topLevel + "\nfunction popup(call) { return { onAnswer: u }; }", "split.js", null, out _, out var diagnostics);

        compiled.Should().BeTrue();
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Severity = DiagnosticSeverity.Warning, Code = PopupDiagnosticCodes.PlaceholderNotWhole, Line = line, Column = column,
        });
    }

    /// <summary>A literal holding a placeholder is read from a slot in the engine's copy: its value, escapes and all, must not change.</summary>
    [Theory]
    [InlineData(@"'crm\'s {$USERNAME} \x41\u0042\u{43}'", "crm's {$USERNAME} ABC")]
    [InlineData("\"say \\\"{$USERNAME}\\\" \\\\ ok\"", "say \"{$USERNAME}\" \\ ok")]
    [InlineData("'a\\\nb{$USERNAME}'", "ab{$USERNAME}")]
    [InlineData(@"'{$USERNAME}{$USERNAME}<$ACCESS_TOKEN>'", "{$USERNAME}{$USERNAME}<$ACCESS_TOKEN>")]
    [InlineData(@"`t\u0041 {$USERNAME} ${1 + 1} \` {$USERNAME}`", "tA {$USERNAME} 2 ` {$USERNAME}")]
    [InlineData("`x{$USERNAME}\r\ny\rz`", "x{$USERNAME}\ny\nz")]
    public void WrittenPlaceholder_InALiteralWithEscapes_KeepsTheLiteralsValue(string literal, string value)
    {
        var script = $"function popup(call) {{ return {{ onAnswer: 'https://crm.example/', webClientOpenNewTab: true, webClientTabName: {literal} }}; }}";

        var decision = TestEvaluators.ForScript(script).Evaluate(TestEvaluators.Request(agent: Agent));

        decision.WebClient!.TabName.Should().Be(value, "a tab name shows the placeholders as written, and the rest of the literal as the engine reads it");
    }

    [Theory]
    [InlineData("'https://crm.example/?u={$USERNAME}'in { x: 1 } ? 'https://crm.example/in' : 'https://crm.example/?u={$USERNAME}'", "https://crm.example/?u=user-VALUE")]
    [InlineData("typeof'https://crm.example/?u={$USERNAME}'== 'string' ? 'https://crm.example/?u={$USERNAME}' : null", "https://crm.example/?u=user-VALUE")]
    [InlineData("['https://crm.example/?u={$USERNAME}'][0]", "https://crm.example/?u=user-VALUE")]
    [InlineData("`https://crm.example/?u=${'{$USERNAME}'}&s=${`{$SYSTEM_USERNAME}`}`", "https://crm.example/?u=user-VALUE&s=system-VALUE")]
    [InlineData("'https://crm.example/?u={$USERNAME}'.replace('u=', 'user=')", "https://crm.example/?user=user-VALUE")]
    public void WrittenPlaceholder_WhereverALiteralMayStand_Binds(string expression, string url)
    {
        var decision = TestEvaluators.ForScript($"function popup(call) {{ return {{ onAnswer: {expression} }}; }}").Evaluate(TestEvaluators.Request(agent: Agent));

        decision.Url.Should().Be(url, decision.Message);
    }

    [Fact]
    public void TryCompile_PlaceholdersInTooManyLiterals_IsAnErrorSayingSo()
    {
        var literals = string.Join(", ", Enumerable.Range(0, ScriptPlaceholders.MaxLiterals + 1).Select(i => $"'https://crm.example/{i}?u={{$USERNAME}}'"));

        PopupScript.TryCompile($"function popup(call) {{ var all = [{literals}]; return {{ onAnswer: all[0] }}; }}", "many.js", null, out _, out var diagnostics).Should().BeFalse();

        diagnostics.Should().ContainSingle().Which.Message.Should().Contain($"more than {ScriptPlaceholders.MaxLiterals} different string literals");
    }

    [Fact]
    public void SameLiteral_WrittenManyTimes_IsOneSlot()
    {
        var literals = string.Join(", ", Enumerable.Repeat("'https://crm.example/?u={$USERNAME}'", ScriptPlaceholders.MaxLiterals + 1));

        var decision = TestEvaluators.ForScript($"function popup(call) {{ var all = [{literals}]; return {{ onAnswer: all[{ScriptPlaceholders.MaxLiterals}] }}; }}")
            .Evaluate(TestEvaluators.Request(agent: Agent));

        decision.Url.Should().Be("https://crm.example/?u=user-VALUE");
    }

    [Fact]
    public void SplitPlaceholder_IsText_NotBound()
    {
        var decision = TestEvaluators.ForScript("function popup(call) { return { onAnswer: 'https://crm.example/?u={$' + 'USERNAME}' }; }")
            .Evaluate(TestEvaluators.Request(agent: Agent));

        decision.Url.Should().Be("https://crm.example/?u=%7B%24USERNAME}");
    }

    [Fact]
    public void TryCompile_WholePlaceholders_NoWarnings()
    {
        PopupScript.TryCompile(TestEvaluators.ReferenceScript, "reference.js", null, out _, out var diagnostics).Should().BeTrue();

        diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void ErrorPosition_AfterAPlaceholderOnTheSameLine_IsTheScriptsColumn()
    {
        var script = "function popup(call) { var u = '{$USERNAME}' + '<$ACCESS_TOKEN>'; return missing(u); }";

        var decision = TestEvaluators.ForScript(script).Evaluate(TestEvaluators.Request());

        decision.Reason.Should().Be(PopupReason.ScriptRuntime);
        decision.Diagnostics.Should().Contain(d => d.Severity == DiagnosticSeverity.Error).Which.Column.Should().Be(script.IndexOf("missing", StringComparison.Ordinal) + 1);
    }

    [Theory]
    [InlineData("throw new Error('no customer for {$USERNAME}');", "no customer for {$USERNAME}")]
    [InlineData("throw new Error('cut: ' + '{$USERNAME}'.slice(2) + '.');", "the script threw: cut: .")]
    [InlineData("return { onAnswer: 'https://crm.example/', webClientOpenNewTab: true, webClientTabName: 'crm-{$USERNAME}' };", null)]
    [InlineData("return { onAnswer: 'https://crm.example/', ['{$USERNAME}']: 1 };", null)]
    [InlineData("return 'https://crm.example/?u={$USERNAME}'();", "'https://crm.example/?u={$USERNAME}'")]
    [InlineData("return new 'https://crm.example/?u={$USERNAME}';", "'https://crm.example/?u={$USERNAME}'")]
    public void Marks_AreNeverPrinted(string body, string? message)
    {
        var decision = TestEvaluators.ForScript($"function popup(call) {{ {body} }}").Evaluate(TestEvaluators.Request(agent: Agent));
        var json = PopupJson.Serialize(decision);

        json.Should().NotMatchRegex("[\uE000-\uE3FF]").And.NotContainAny(["\\uE0", "\\uE1", "\\uE2", "\\uE3", "\\ue0", "\\ue1", "\\ue2", "\\ue3", "__screenpopup_"]);
        if (message is not null)
        {
            decision.Message.Should().Contain(message);
        }
    }

    [Fact]
    public void WrittenPlaceholder_CutByTheScript_IsAnErrorThatShowsNoMark()
    {
        var decision = TestEvaluators.ForScript("function popup(call) { return { onAnswer: 'https://a.example/?t=' + escape('{$ACCESS_TOKEN}'.slice(0, 9)) }; }")
            .Evaluate(TestEvaluators.Request(agent: Agent));

        decision.Reason.Should().Be(PopupReason.InvalidUrl);
        decision.Message.Should().Contain("write each placeholder");
        PopupJson.Serialize(decision).Should().NotContainAny(["%uE", "\\uE", "\\ue"]);
    }

    [Fact]
    public void Marks_AreNewOnEveryEvaluation()
    {
        var script = PopupScript.Compile(TestEvaluators.ReferenceScript);

        var random = new NonceSource();
        var literal = script.Placeholders.Literals[0];
        var first = PlaceholderMarks.Draw(script.Placeholders, random).ValueOf(literal);
        var second = PlaceholderMarks.Draw(script.Placeholders, random);

        first.Should().NotBe(second.ValueOf(literal));
        second.TryBind(first, Agent, allowSecretsOverHttp: false, out _, out var problem).Should().BeFalse("an earlier evaluation's mark is only a fragment now");
        problem.Should().Contain("write each placeholder");
        PlaceholderMarks.Draw(script.Placeholders, random).TryBind(first, Agent, allowSecretsOverHttp: false, out _, out _).Should().BeFalse();
    }

    [Fact]
    public void AMarkOneEvaluationPrinted_SentBackByTheNextCaller_NeverBinds()
    {
        // A script prints a placeholder's mark (percent-encoded) in its error message; a later caller sends it back in chat data.
        var evaluator = TestEvaluators.ForScript("""
            function popup(call) {
              var chat = JSON.parse(call.CALL_CHANNELDATA || '{}');
              var crm = 'https://crm.example/agent?t={$ACCESS_TOKEN}';
              if (!chat.customer) throw new Error('chat without customer; would have opened ' + encodeURIComponent(crm));
              return { onAnswer: 'https://crm.example/search?customer=' + chat.customer + '&op={$USERNAME}' };
            }
            """);
        var first = evaluator.Evaluate(WithChatData("{}"));
        var printed = Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(first.Message!, "would have opened (\\S+)").Groups[1].Value);
        var mark = printed["https://crm.example/agent?t=".Length..];

        var second = evaluator.Evaluate(WithChatData(System.Text.Json.JsonSerializer.Serialize(new { customer = "x&back=https://evil.example/c?t=" + mark + "#" })));

        mark.Should().StartWith("\uE000", "the message did carry a mark: the attack is real");
        second.Url.Should().NotContain("token-VALUE");
    }

    [Theory]
    [InlineData("var u = { '{$USERNAME}': 1 };", 1, 12)]
    [InlineData("class K { '{$USERNAME}'() {} }", 1, 12)]
    [InlineData("var u = String.raw`x{$USERNAME}`;", 1, 21)]
    public void TryCompile_PlaceholderWhereALiteralIsRequired_WarnsAndIsNotBound(string topLevel, int line, int column)
    {
        PopupScript.TryCompile(topLevel + "\nfunction popup(call) { return { onAnswer: 'https://crm.example/' }; }", "where.js", null, out _, out var diagnostics).Should().BeTrue();

        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = PopupDiagnosticCodes.PlaceholderNotWhole, Line = line, Column = column });
    }

    [Fact]
    public void TopLevelVariableHoldingAPlaceholder_IsBoundOnEveryCall()
    {
        var evaluator = TestEvaluators.ForScript("var crm = 'https://crm.example/?u={$USERNAME}';\nfunction popup(call) { return { onAnswer: crm }; }");

        evaluator.Evaluate(TestEvaluators.Request(agent: Agent)).Url.Should().Be("https://crm.example/?u=user-VALUE");
        evaluator.Evaluate(TestEvaluators.Request(agent: Agent)).Url.Should().Be("https://crm.example/?u=user-VALUE", "the second evaluation has new marks");
    }

    private static PopupRequest WithChatData(string chatData) => TestEvaluators.Request(agent: Agent) with
    {
        Call = new CallVariables { Service = TestEvaluators.Service, ChannelSessionId = Guid.NewGuid().ToString(), ChannelData = chatData },
    };

    [Fact]
    public void Provider_CallerPlaceholder_IsText()
    {
        var provider = new UrlFromCaller();
        var options = new ScreenPopupOptions();
        options.Services[TestEvaluators.Service] = new PopupService { Provider = provider };
        var request = TestEvaluators.Request(cli: "{$ACCESS_TOKEN}<$USER_PASSWORD>", agent: Agent);

        var decision = PopupEvaluator.Create(options).Evaluate(request);

        decision.Url.Should().Be("https://crm.example/?u=user-VALUE&q=%7B%24ACCESS_TOKEN}%3C%24USER_PASSWORD%3E");
    }

    private sealed class UrlFromCaller : IPopupProvider
    {
        public PopupDefinition GetPopup(CallVariables call) => new() { OnAnswer = "https://crm.example/?u={$USERNAME}&q=" + call.Cli };
    }
}
