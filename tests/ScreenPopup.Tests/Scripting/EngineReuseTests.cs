namespace ScreenPopup.Tests;

/// <summary>
/// Engines are pooled and reused: each probe pollutes the world one way, and the evaluation after it (on the same thread,
/// so in the same engine) must see exactly the world the first one saw.
/// </summary>
public sealed class EngineReuseTests
{
    /// <summary>A short digest of every object a script could have changed, one per object so a mismatch names it.</summary>
    private const string World = """
        function world() {
          function hash(text) { var h = 5381; for (var i = 0; i < text.length; i++) { h = ((h * 33) ^ text.charCodeAt(i)) >>> 0; } return h.toString(36); }
          function shape(o) {
            var described = Object.getOwnPropertyNames(o).sort().map(function (k) {
              var d = Object.getOwnPropertyDescriptor(o, k);
              return k + ':' + typeof d.value + ':' + (typeof d.value === 'function' ? d.value.name : '') + ':' + d.writable + d.configurable + (d.get ? 'g' : '') + (d.set ? 's' : '');
            });
            var symbols = Object.getOwnPropertySymbols(o).map(String).sort();
            var prototype = Object.getPrototypeOf(o);
            return hash(described.join(',') + '|' + symbols.join(',') + '|' + Object.isExtensible(o) + '|' + (prototype === null ? 'null' : shapeName(prototype)));
          }
          function shapeName(prototype) { var c = Object.getOwnPropertyDescriptor(prototype, 'constructor'); return c ? typeof c.value + typeof c.get : 'none'; }
          var objects = [globalThis, Object.prototype, Array.prototype, Function.prototype, String.prototype, Error.prototype, TypeError.prototype, JSON, Math, RegExp,
            RegExp.prototype, Promise.prototype, Date.prototype, Object, Array, Symbol, Reflect, Object.getPrototypeOf(function* () {}).prototype,
            Object.getPrototypeOf([][Symbol.iterator]()), Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))];
          return objects.map(shape).join('.') + '.' + [typeof RegExp.$1, typeof RegExp.lastMatch, typeof leaked, String(({}).polluted), String([].polluted), String(Math.random() < 1)].join('');
        }
        """;

    public static TheoryData<string> Pollutions =>
    [
        "var leaked = 1;",
        "leaked = 1;",
        "globalThis.leaked = 1;",
        "Object.defineProperty(globalThis, 'leaked', { value: 1, writable: false, configurable: false });",
        "Object.prototype.polluted = 1;",
        "Object.defineProperty(Object.prototype, 'polluted', { value: 1 });",
        "Array.prototype.polluted = 1;",
        "Array.prototype.push = function () { };",
        "delete Array.prototype.map;",
        "Object.setPrototypeOf(Array.prototype, null);",
        "JSON.stringify = function () { return 'x'; };",
        "Math.random = function () { return 4; };",
        "String.prototype.trim = null;",
        "Function.prototype.call = null;",
        "Error.prototype.message = 'polluted';",
        "RegExp.prototype.exec = null;",
        "Promise.prototype.then = null;",
        "Date.prototype.getTime = null;",
        "Object.getPrototypeOf(function* () {}).prototype.next = null;",
        "Object.getPrototypeOf([][Symbol.iterator]()).next = null;",
        "Array.prototype[Symbol.iterator] = null;",
        "Object.prototype.__proto__ = { polluted: 1 };",
        "Reflect.set(Object, 'keys', null);",
        "JSON = null; Math = null; Object = null;",
        "delete globalThis.JSON; delete globalThis.encodeURIComponent;",
        "Object.setPrototypeOf(globalThis, { polluted: 1 });",
        "Object.preventExtensions(globalThis);",
        "/(\\d+)/.exec(CALL_CLI);",
        "Symbol.iterator = null; Symbol.leaked = 1;",
        "Object.freeze(globalThis);",
    ];

    [Theory]
    [MemberData(nameof(Pollutions))]
    public void Evaluate_AfterAPollutingEvaluation_TheNextSeesTheSameWorld(string pollution)
    {
        var evaluator = TestEvaluators.ForScript(World + $$"""
            function popup(call) {
              var before = world(), encode = encodeURIComponent;
              try { (function () { {{pollution}} })(); } catch (e) { }
              try { (function () { 'use strict'; {{pollution}} })(); } catch (e) { }
              return { onAnswer: 'https://crm.example/?world=' + before + '&cli=' + encode(call.CALL_CLI) };
            }
            """);

        var first = evaluator.Evaluate(TestEvaluators.Request(cli: "111"));
        var second = evaluator.Evaluate(TestEvaluators.Request(cli: "222"));
        var third = evaluator.Evaluate(TestEvaluators.Request(cli: "333"));

        first.Action.Should().Be(PopupAction.Open, first.Message);
        second.Url.Should().Be(first.Url!.Replace("cli=111", "cli=222", StringComparison.Ordinal), "the pollution must not survive into the next evaluation");
        third.Url.Should().Be(first.Url!.Replace("cli=111", "cli=333", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_RegExpLegacyStatics_DoNotShowTheLastCallersData()
    {
        var evaluator = TestEvaluators.ForScript("""
            function popup(call) {
              var earlier = [typeof RegExp.$1, typeof RegExp.lastMatch, typeof RegExp.input, typeof RegExp.leftContext].join(',');
              /(\d+)/.exec(CALL_CLI);
              return { onAnswer: 'https://crm.example/?earlier=' + encodeURIComponent(earlier) };
            }
            """);

        evaluator.Evaluate(TestEvaluators.Request(cli: "390212345678"));
        var next = evaluator.Evaluate(TestEvaluators.Request(cli: "1"));

        next.Url.Should().Be("https://crm.example/?earlier=undefined%2Cundefined%2Cundefined%2Cundefined");
    }

    [Fact]
    public void Evaluate_GarbageCollectionCallbacks_AreNotAvailableToRunInALaterEvaluation()
    {
        var evaluator = TestEvaluators.ForScript("""
            function popup(call) {
              var kinds = [typeof FinalizationRegistry, typeof WeakRef, typeof leakedByCleanup].join(',');
              try { new FinalizationRegistry(function () { globalThis.leakedByCleanup = CALL_CLI; }).register({}, 0); } catch (e) { }
              return { onAnswer: 'https://crm.example/?kinds=' + encodeURIComponent(kinds) };
            }
            """);

        evaluator.Evaluate(TestEvaluators.Request(cli: "1"));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var next = evaluator.Evaluate(TestEvaluators.Request(cli: "2"));

        next.Url.Should().Be("https://crm.example/?kinds=undefined%2Cundefined%2Cundefined");
    }

    [Theory]
    [InlineData("")]
    [InlineData("'use strict';")]
    public void Evaluate_AssignmentsOverInheritedBuiltIns_WorkAsInAnUnfrozenEngine(string mode)
    {
        var evaluator = TestEvaluators.ForScript(mode + """
            function MyError(message) { this.message = message; this.name = 'MyError'; }
            function popup(call) {
              MyError.prototype = Object.create(Error.prototype);
              MyError.prototype.constructor = MyError;
              var o = {}; o.toString = function () { return 'mine'; }; o.valueOf = function () { return 7; };
              var e = new TypeError('x'); e.message = 'changed'; e.name = 'Renamed';
              var f = function () { }; f.toString = function () { return 'f'; };
              var mine = new MyError('boom');
              var parts = [String(o), o + 1, String(e), String(f), String(mine), mine instanceof Error, mine.constructor === MyError];
              return { onAnswer: 'https://crm.example/?r=' + encodeURIComponent(parts.join('|')) };
            }
            """);

        var decision = evaluator.Evaluate(TestEvaluators.Request());

        decision.Action.Should().Be(PopupAction.Open, decision.Message);
        Uri.UnescapeDataString(decision.Url!).Should().Be("https://crm.example/?r=mine|8|Renamed: changed|f|MyError: boom|true|true");
    }

    [Fact]
    public void Evaluate_StrictScriptChangingABuiltIn_FailsWithTheEnginesMessageAndTheNextEvaluationIsClean()
    {
        var evaluator = TestEvaluators.ForScript("""
            'use strict';
            function popup(call) {
              if (call.CALL_CLI === 'pollute') { Array.prototype.polluted = 1; }
              return { onAnswer: 'https://crm.example/?seen=' + typeof [].polluted };
            }
            """);

        var polluting = evaluator.Evaluate(TestEvaluators.Request(cli: "pollute"));
        var next = evaluator.Evaluate(TestEvaluators.Request(cli: "1"));

        polluting.Reason.Should().Be(PopupReason.ScriptRuntime);
        polluting.Message.Should().StartWith("the script threw: ").And.Contain("(line 3, column");
        next.Url.Should().Be("https://crm.example/?seen=undefined");
    }

    [Fact]
    public void Evaluate_AfterATimeout_TheNextEvaluationRunsNormally()
    {
        var evaluator = TestEvaluators.ForScript("""
            function popup(call) {
              if (call.CALL_CLI === 'loop') { while (true) { } }
              return { onAnswer: 'https://crm.example/?cli=' + call.CALL_CLI };
            }
            """, configure: options => options.Sandbox = new SandboxOptions { Timeout = TimeSpan.FromMilliseconds(200), MaxStatements = int.MaxValue, QuarantineAfter = 0 });

        var looping = evaluator.Evaluate(TestEvaluators.Request(cli: "loop"));
        var next = evaluator.Evaluate(TestEvaluators.Request(cli: "2"));

        looping.Reason.Should().Be(PopupReason.ScriptTimeout);
        next.Url.Should().Be("https://crm.example/?cli=2");
    }

    [Fact]
    public void Evaluate_FailingScriptWithACutValue_KeepsTheTruncationWarning()
    {
        var evaluator = TestEvaluators.ForScript("function popup(call) { throw new Error('broken'); }",
            configure: options => options.Sandbox = new SandboxOptions { Timeout = TimeSpan.FromSeconds(10), MaxVariableLength = 4 });

        var decision = evaluator.Evaluate(TestEvaluators.Request(cli: "123456"));

        decision.Reason.Should().Be(PopupReason.ScriptRuntime);
        decision.Diagnostics.Should().Contain(d => d.Code == PopupDiagnosticCodes.ValueTruncated && d.Message == "CALL_CLI was cut from 6 to 4 characters (Sandbox.MaxVariableLength)");
        decision.Diagnostics[^1].Code.Should().Be("scriptRuntime");
    }

    [Fact]
    public void PopupInfo_TheScriptNeverReads_StillWarnsOfWhatIsCut()
    {
        var evaluator = TestEvaluators.ForScript("function popup(call) { return { onAnswer: 'https://crm.example/' }; }",
            configure: options => options.Sandbox = new SandboxOptions { Timeout = TimeSpan.FromSeconds(10), MaxVariableLength = 4, MaxPopupInfoItems = 1 });
        var request = TestEvaluators.Request();

        var decision = evaluator.Evaluate(request with { Call = request.Call with { PopupInfo = ["abcdef", "x"] } });

        decision.Diagnostics.Select(d => d.Message).Should().Contain([
            "CALL_POPUPINFO has 2 items; the script sees the first 1 (Sandbox.MaxPopupInfoItems)",
            "CALL_POPUPINFO[0] was cut from 6 to 4 characters (Sandbox.MaxVariableLength)",
        ]);
    }

    [Fact]
    public void PopupInfo_IsOneOrdinaryArrayInAnEvaluation_AndANewOneInTheNext()
    {
        var evaluator = TestEvaluators.ForScript("""
            function popup(call) {
              var seen = String(CALL_POPUPINFO.seen);
              CALL_POPUPINFO.seen = call.CALL_CLI;
              var d = Object.getOwnPropertyDescriptor(globalThis, 'CALL_POPUPINFO');
              var shape = [d.writable, d.enumerable, d.configurable, Array.isArray(d.value), d.value === CALL_POPUPINFO].join(',');
              return { onAnswer: 'https://crm.example/?' + [seen, CALL_POPUPINFO === call.CALL_POPUPINFO, CALL_POPUPINFO.join('|'), shape].join(';') };
            }
            """, configure: options => options.Sandbox = new SandboxOptions { Timeout = TimeSpan.FromSeconds(10), MaxVariableLength = 4 });

        string Evaluate(string cli, string[] info)
        {
            var request = TestEvaluators.Request(cli: cli);
            return evaluator.Evaluate(request with { Call = request.Call with { PopupInfo = info } }).Url!;
        }

        Evaluate("1", ["a", "bcdefg"]).Should().Be("https://crm.example/?undefined;true;a|bcde;false,true,false,true,true");
        Evaluate("2", []).Should().Be("https://crm.example/?undefined;true;;false,true,false,true,true");
        Evaluate("3", ["\uE000x"]).Should().Be("https://crm.example/?undefined;true;%EF%BF%BDx;false,true,false,true,true");
    }

    [Fact]
    public void Evaluate_ScriptsAndValuesAlternatingOnOneThread_EachDecisionSeesOnlyItsOwnCall()
    {
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
        options.Services["A"] = new PopupService { Script = "function popup(call) { return { onAnswer: 'https://a.example/?cli=' + CALL_CLI + '&info=' + CALL_POPUPINFO.join('|') + '&s=' + call.CALL_SERVIZIO }; }" };
        options.Services["B"] = new PopupService { Script = "({ onAnswer: 'https://b.example/?cli=' + CALL_CLI + '&info=' + CALL_POPUPINFO.join('|') + '&s=' + CALL_SERVIZIO })" };
        var evaluator = PopupEvaluator.Create(options);

        for (var i = 0; i < 50; i++)
        {
            var service = i % 3 == 0 ? "B" : "A";
            string[] info = i % 2 == 0 ? [] : [$"t{i}", "vip"];
            var request = TestEvaluators.Request(cli: $"{i % 4}", service: service);
            request = request with { Call = request.Call with { PopupInfo = info } };

            var decision = evaluator.Evaluate(request);

            decision.Url.Should().Be($"https://{service.ToLowerInvariant()}.example/?cli={i % 4}&info={string.Join('|', info)}&s={service}");
        }
    }

    [Fact]
    public void Evaluate_PopupFunction_IsCalledAsAPlainCallWithTheCallObject()
    {
        var evaluator = TestEvaluators.ForScript("""
            function popup(call) {
              'use strict';
              return { onAnswer: 'https://crm.example/?this=' + typeof this + '&args=' + arguments.length + '&cli=' + call.CALL_CLI };
            }
            """);

        var decision = evaluator.Evaluate(TestEvaluators.Request(cli: "7"));

        decision.Url.Should().Be("https://crm.example/?this=undefined&args=1&cli=7");
    }

    [Fact]
    public void Evaluate_SloppyScriptOverwritingItsArguments_TheNextEvaluationGetsTheCallObjectAgain()
    {
        var evaluator = TestEvaluators.ForScript("""
            function popup(call) {
              var seen = typeof call + ':' + call.CALL_CLI;
              arguments[0] = 'overwritten';
              call = 'reassigned';
              return { onAnswer: 'https://crm.example/?seen=' + seen };
            }
            """);

        var first = evaluator.Evaluate(TestEvaluators.Request(cli: "1"));
        var second = evaluator.Evaluate(TestEvaluators.Request(cli: "2"));

        first.Url.Should().Be("https://crm.example/?seen=object:1");
        second.Url.Should().Be("https://crm.example/?seen=object:2");
    }

    [Fact]
    public void TakeTreeForEngine_FirstEngineGetsTheCompiledTree_LaterEnginesParseTheirOwn()
    {
        var script = PopupScript.Compile("function popup(call) { return { onAnswer: 'https://crm.example/' }; }");

        var first = script.TakeTreeForEngine();
        var second = script.TakeTreeForEngine();

        first.Program.Should().BeSameAs(script.Prepared.Program);
        second.Program.Should().NotBeSameAs(first.Program);
        second.Program!.Body.Should().HaveCount(first.Program!.Body.Count);
    }

    [Fact]
    public void Evaluate_OneScriptOnEnginesOfSeveralThreads_EveryThreadDecidesItsOwnCalls()
    {
        var evaluator = TestEvaluators.ForScript("var prefix = 'https://crm.example/?cli='; function popup(call) { return { onAnswer: prefix + CALL_CLI }; }");

        var results = new string?[4][];
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            results[t] = [.. Enumerable.Range(0, 200).Select(i => evaluator.Evaluate(TestEvaluators.Request(cli: $"{t}-{i}")).Url)];
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        for (var t = 0; t < 4; t++)
        {
            results[t].Should().Equal(Enumerable.Range(0, 200).Select(i => $"https://crm.example/?cli={t}-{i}"));
        }
    }

    [Fact]
    public void Evaluate_ScriptTooDeepForThisThreadsStack_IsALimitDecisionNotAnException()
    {
        // 20,000 nested parentheses parse on a large stack. The engine of a later thread parses its own copy of the script,
        // and on a 256 KB stack it cannot: that must be a decision, not an exception thrown into the host.
        var script = "function popup(call) { return { onAnswer: 'https://crm.example/' + " + new string('(', 20_000) + "1" + new string(')', 20_000) + " }; }";
        PopupEvaluator evaluator = null!;
        PopupDecision onLargeStack = null!, onSmallStack = null!;
        // Limits of its own, so that no engine another test left idle can serve the small thread. Each new thread keeps the
        // engine it used last, so the engine that took the compiled tree stays with the thread that evaluated first.
        RunOnThread(256 << 20, () => evaluator = TestEvaluators.ForScript(script, configure: options => options.Sandbox!.MaxStatements = 99_989));
        RunOnThread(256 << 20, () => onLargeStack = evaluator.Evaluate(TestEvaluators.Request()));
        RunOnThread(256 << 10, () => onSmallStack = evaluator.Evaluate(TestEvaluators.Request()));

        onLargeStack.Url.Should().Be("https://crm.example/1");
        onSmallStack.Action.Should().Be(PopupAction.Error);
        onSmallStack.Reason.Should().Be(PopupReason.ScriptLimit);
        onSmallStack.Message.Should().StartWith("the script nests too deeply for this thread's stack");
    }

    private static void RunOnThread(int stackSize, Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, stackSize);
        thread.Start();
        thread.Join();
        failure.Should().BeNull();
    }

    public static TheoryData<string> SettledPollutions =>
    [
        "base = 'https://evil.example/?';",
        "seen += call.CALL_CLI;",
        "leaked = call.CALL_CLI;",
        "delete base; delete limit;",
        "limit = 0;",
    ];

    [Theory]
    [MemberData(nameof(SettledPollutions))]
    public void Evaluate_SettledTopLevel_EveryEvaluationStartsFromTheTopLevelsValues(string pollution)
    {
        var script = $$"""
            var base = 'https://crm.example/?';
            let seen = '';
            const fixed = 'k';
            var limit = 3;
            function popup(call) {
              var before = base + '|' + seen + '|' + fixed + '|' + limit + '|' + typeof leaked;
              try { {{pollution}} } catch (e) { }
              return { onAnswer: 'https://crm.example/?before=' + encodeURIComponent(before) + '&cli=' + call.CALL_CLI };
            }
            """;
        PopupScript.Compile(script).HasSettledTopLevel.Should().BeTrue("this test is about scripts whose top level runs once per engine");
        var evaluator = TestEvaluators.ForScript(script);

        string[] callers = ["111", "222", "333"];
        var decisions = callers.Select(cli => evaluator.Evaluate(TestEvaluators.Request(cli: cli)).Url).ToList();

        decisions.Should().Equal(callers.Select(cli => "https://crm.example/?before=https%3A%2F%2Fcrm.example%2F%3F%7C%7Ck%7C3%7Cundefined&cli=" + cli));
    }

    public static TheoryData<string> FunctionObjectWrites =>
    [
        "popup.n = (popup.n || 0) + 1; return popup.n;",
        "var f = arguments.callee; f.n = (f.n || 0) + 1; return f.n;",
        "var g = this; g.popup.n = (g.popup.n || 0) + 1; return g.popup.n;",
        "globalThis.popup.n = (globalThis.popup.n || 0) + 1; return globalThis.popup.n;",
        "var p = count.prototype; p.n = (p.n || 0) + 1; return p.n;",
        "count.n = (count.n || 0) + 1; return count.n;",
        "return [1].map(count)[0];",
    ];

    [Theory]
    [MemberData(nameof(FunctionObjectWrites))]
    public void Evaluate_ScriptWritingToItsOwnFunctionObjects_SeesAFreshOneEveryTime(string body)
    {
        var script = $$"""
            function count(x) { count.n = (count.n || 0) + 1; return count.n; }
            function popup(call) { return { onAnswer: 'https://crm.example/?n=' + (function () { {{body}} }).call(this) }; }
            """;
        var evaluator = TestEvaluators.ForScript(script);

        var urls = Enumerable.Range(0, 3).Select(_ => evaluator.Evaluate(TestEvaluators.Request()).Url).ToList();

        urls.Should().Equal(Enumerable.Repeat("https://crm.example/?n=1", 3));
    }

    public static TheoryData<string, bool> TopLevels => new()
    {
        { "var base = 'https://crm.example/'; function popup(call) { return { onAnswer: base + CALL_CLI }; }", true },
        { "'use strict'; let a = 1, b; const c = null; var d = true, e = 2.5;; function popup() { return { onAnswer: helper() }; } function helper() { return 'x'; }", true },
        { "(call) => ({ onAnswer: 'https://crm.example/' + call.CALL_CLI })", true },
        { "(function popup(call) { return { onAnswer: 'https://crm.example/' }; })", true },
        { "var cli = CALL_CLI; function popup() { return { onAnswer: cli }; }", false },
        { "var o = {}; function popup() { return { onAnswer: 'x' }; }", false },
        { "var r = /x/; function popup() { return { onAnswer: 'x' }; }", false },
        { "function popup() { return { onAnswer: 'x' }; } popup.n = 1;", false },
        { "({ onAnswer: 'https://crm.example/' })", false },
        { "async function popup() { return { onAnswer: 'x' }; }", false },
        { "function popup() { return { onAnswer: typeof popup }; }", false },
        { "function popup() { return { onAnswer: [1].map(helper) }; } function helper() { return 'x'; }", false },
        { "function popup() { return { onAnswer: String(this) }; }", false },
        { "function popup() { return { onAnswer: String(arguments.length) }; }", false },
        { "function popup() { return { onAnswer: String(globalThis) }; }", false },
        { "(function popup(call) { return { onAnswer: popup.name }; })", false },
        { "(call) => ({ onAnswer: 'x' }); var late = 1;", false },
    };

    [Theory]
    [InlineData("var o = {};\nfunction popup() { return { onAnswer: 'x' }; }", 1, 1, "the top level holds more than function declarations, variables set to literals and a last function")]
    [InlineData("function popup() {\n  return { onAnswer: String(this) };\n}", 2, 29, "it uses 'this'")]
    [InlineData("function popup() { return { onAnswer: arguments[0] }; }", 1, 39, "it uses 'arguments'")]
    [InlineData("function popup() { return { onAnswer: [1].map(helper) }; }\nfunction helper() { return 'x'; }", 1, 47, "the top-level function 'helper' is used other than by calling it by name")]
    public void Compile_TopLevelThatRunsEveryCall_IsAnInfoNoteSayingWhereAndWhy(string script, int line, int column, string reason)
    {
        var note = PopupScript.Compile(script).Diagnostics.SingleOrDefault(d => d.Code == PopupDiagnosticCodes.TopLevelRunsEveryCall);

        note.Should().NotBeNull();
        (note!.Severity, note.Code, note.Line, note.Column).Should().Be((DiagnosticSeverity.Info, "topLevelRunsEveryCall", line, column));
        note.Message.Should().Contain(reason);
    }

    [Theory]
    [MemberData(nameof(TopLevels))]
    public void Compile_TopLevel_IsSettledOnlyWhenNothingCanReachItsFunctionObjects(string script, bool settled) =>
        PopupScript.Compile(script).HasSettledTopLevel.Should().Be(settled);

    [Fact]
    public void Evaluate_SettledTopLevelThatThrows_FailsTheSameWayEveryTime()
    {
        // CALL_CLI is a read-only global: declaring a function of that name fails when the top level runs.
        var evaluator = TestEvaluators.ForScript("function CALL_CLI() {} function popup() { return { onAnswer: 'https://crm.example/' }; }");

        var decisions = Enumerable.Range(0, 3).Select(_ => evaluator.Evaluate(TestEvaluators.Request())).ToList();

        decisions.Should().AllSatisfy(d => d.Reason.Should().Be(PopupReason.ScriptRuntime));
        decisions.Select(d => d.Message).Distinct().Should().ContainSingle();
    }

    [Fact]
    public void Evaluate_SettledFunctionsCalledAgain_StartFromFreshLocals()
    {
        // The settled popup function and its helpers are the same function objects on every evaluation of an engine, so the
        // engine's per-function state must not carry a local from one caller's evaluation into the next.
        var script = """
            function remember(flag, value) { var kept; if (flag) { kept = value; } return kept; }
            function popup(call) {
              var seen; let later; var first = call.CALL_CLI === '111';
              if (first) { seen = call.CALL_CLI; later = call.CALL_CLI; }
              var reader = function () { return seen; };
              for (var i = 0, acc; i < 2; i++) { if (first) { acc = (acc || '') + call.CALL_CLI; } }
              return { onAnswer: 'https://crm.example/?' + [seen, later, reader(), acc, remember(first, call.CALL_CLI)].join('|') };
            }
            """;
        PopupScript.Compile(script).HasSettledTopLevel.Should().BeTrue();
        var evaluator = TestEvaluators.ForScript(script);

        string[] callers = ["111", "222", "111", "333"];
        var urls = callers.Select(cli => evaluator.Evaluate(TestEvaluators.Request(cli: cli)).Url).ToList();

        urls.Should().Equal(
            "https://crm.example/?111|111|111|111111|111",
            "https://crm.example/?||||",
            "https://crm.example/?111|111|111|111111|111",
            "https://crm.example/?||||");
    }
}
