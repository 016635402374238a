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
        diagnostics.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Severity = DiagnosticSeverity.Warning, Code = PopupDiagnosticCodes.PlaceholderNotWhole, Line = line, Column = column,
        });
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
    public void Marks_AreNeverPrinted(string body, string? message)
    {
        var decision = TestEvaluators.ForScript($"function popup(call) {{ {body} }}").Evaluate(TestEvaluators.Request(agent: Agent));
        var json = PopupJson.Serialize(decision);

        json.Should().NotMatchRegex("[\uE000-\uE3FF]").And.NotContainAny(["\\uE0", "\\uE1", "\\uE2", "\\uE3", "\\ue0", "\\ue1", "\\ue2", "\\ue3"]);
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
    public void Marks_DifferBetweenCompilationsOfTheSameScript()
    {
        var first = PopupScript.Compile(TestEvaluators.ReferenceScript);
        var second = PopupScript.Compile(TestEvaluators.ReferenceScript);

        first.Placeholders.MarkFor("{$USERNAME}").Should().NotBe(second.Placeholders.MarkFor("{$USERNAME}"));
        second.Placeholders.Resolve("https://a.example/?u=" + first.Placeholders.MarkFor("{$USERNAME}"), out _).Should().BeNull("another script's mark is only a fragment here");
    }

    [Fact]
    public void Provider_CallerPlaceholder_IsText()
    {
        var provider = new UrlFromCaller();
        var options = new ScreenPopupOptions();
        options.Services[TestEvaluators.Service] = new PopupService { Provider = provider };
        var request = TestEvaluators.Request(cli: "{$ACCESS_TOKEN}<$USER_PASSWORD>", agent: Agent);

        var decision = PopupEvaluator.Create(options).Evaluate(request);

        decision.Url.Should().Be("https://crm.example/?u=user-VALUE&q=%7B%24ACCESS_TOKEN}%3C%24USER_PASSWORD>");
    }

    private sealed class UrlFromCaller : IPopupProvider
    {
        public PopupDefinition GetPopup(CallVariables call) => new() { OnAnswer = "https://crm.example/?u={$USERNAME}&q=" + call.Cli };
    }
}
