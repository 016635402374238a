namespace ScreenPopup.Tests;

/// <summary>
/// One evaluation must not see what another wrote: not the next caller of the same service, not another service of the
/// same evaluator, not another evaluator (tenant). Each case is a writer that tries to leave its caller's number
/// somewhere and a reader that looks there; both run on one thread, so in the same pooled engine when the pool allows it.
/// </summary>
public sealed class CrossEvaluationLeakTests
{
    private const string WriterNumber = "390200000001";

    /// <summary>(what is tried, the writer's statement, the reader's expression). Each writer's statement runs in sloppy and in strict mode.</summary>
    public static TheoryData<string, string, string> Leaks => new()
    {
        { "iterator helper prototype", "Object.getPrototypeOf([].values().map(function (x) { return x; })).leak = call.CALL_CLI;",
          "Object.getPrototypeOf([].values().map(function (x) { return x; })).leak" },
        { "iterator helper next", "Object.getPrototypeOf([].values().map(function (x) { return x; })).next = function () { return { done: false, value: call.CALL_CLI }; };",
          "[1].values().map(function (x) { return x; }).next().value" },
        { "Iterator.from wrapper", "Object.getPrototypeOf(Iterator.from({ next: function () {} })).next = function () { return { value: call.CALL_CLI }; };",
          "Iterator.from({ next: function () { return { done: true }; } }).next().value" },
        { "async iterator helper", "Object.getPrototypeOf(AsyncIterator.from({ next: function () {} }).map(function (x) { return x; })).leak = call.CALL_CLI;",
          "Object.getPrototypeOf(AsyncIterator.from({ next: function () {} }).map(function (x) { return x; })).leak" },
        { "AsyncIterator prototype", "AsyncIterator.prototype.leak = call.CALL_CLI;", "AsyncIterator.prototype.leak" },
        { "ThrowTypeError", "Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get.leak = call.CALL_CLI;",
          "Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get.leak" },
        { "empty CALL_POPUPINFO push", "CALL_POPUPINFO.push(call.CALL_CLI);", "CALL_POPUPINFO.join('|') + CALL_POPUPINFO.length" },
        { "empty CALL_POPUPINFO Array.of", "Array.of.call(function () { return CALL_POPUPINFO; }, call.CALL_CLI);", "CALL_POPUPINFO.join('|') + CALL_POPUPINFO.length" },
        { "empty CALL_POPUPINFO Array.from", "Array.from.call(function () { return CALL_POPUPINFO; }, [call.CALL_CLI]);", "CALL_POPUPINFO.join('|') + CALL_POPUPINFO.length" },
        { "call object", "call.leak = call.CALL_CLI; Object.getPrototypeOf(call).leak2 = call.CALL_CLI;", "String(call.leak) + String(call.leak2)" },
        { "Symbol registry description", "Symbol.for('leak-' + call.CALL_CLI);", "String(Symbol.keyFor(Symbol.for('x')))" },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public void AnotherService_OfTheSameEvaluator_SeesNothingOfTheWriter(string tried, string writer, string reader)
    {
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
        options.Services["WRITER"] = new PopupService { Script = Writer(writer) };
        options.Services["READER"] = new PopupService { Script = Reader(reader) };
        var evaluator = PopupEvaluator.Create(options);

        var written = evaluator.Evaluate(Request("WRITER", WriterNumber, []));
        var read = evaluator.Evaluate(Request("READER", "390299999999", []));

        written.Action.Should().Be(PopupAction.Open, tried);
        read.Action.Should().Be(PopupAction.Open, read.Message);
        read.Url.Should().NotContain(WriterNumber, tried);
    }

    [Theory]
    [MemberData(nameof(Leaks))]
    public void NextCaller_OfTheSameService_SeesNothingOfThePrevious(string tried, string writer, string reader)
    {
        var evaluator = TestEvaluators.ForScript($$"""
            function popup(call) {
              if (call.CALL_CLI === '{{WriterNumber}}') {
                try { (function () { {{writer}} })(); } catch (e) { }
                try { (function () { 'use strict'; {{writer}} })(); } catch (e) { }
              }
              return { onAnswer: 'https://crm.example/?seen=' + encodeURIComponent({{Seen(reader)}}) };
            }
            """);

        evaluator.Evaluate(Request(TestEvaluators.Service, WriterNumber, ["ivr-1"])).Action.Should().Be(PopupAction.Open, "the polluting evaluation must run to its end, or the next one proves nothing");
        var read = evaluator.Evaluate(Request(TestEvaluators.Service, "390299999999", ["ivr-1"]));

        read.Url.Should().NotContain(WriterNumber, tried);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("['ivr-1']")]
    public void RepeatedPopupInfo_WrittenThroughFrozenArrayHoles_IsNotSeenByTheNextService(string popupInfo)
    {
        var items = popupInfo == "[]" ? Array.Empty<string>() : ["ivr-1"];
        var writes = new[] { "CALL_POPUPINFO.push(call.CALL_CLI)", "Array.of.call(function () { return CALL_POPUPINFO; }, call.CALL_CLI)",
            "Array.from.call(function () { return CALL_POPUPINFO; }, [call.CALL_CLI])", "CALL_POPUPINFO.unshift(call.CALL_CLI)",
            "CALL_POPUPINFO.splice(0, 1, call.CALL_CLI)", "CALL_POPUPINFO.fill(call.CALL_CLI)" };
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
        options.Services["WRITER"] = new PopupService { Script = Writer(string.Join("\n", writes.Select(w => $"try {{ {w}; }} catch (e) {{ }}"))) };
        options.Services["READER"] = new PopupService { Script = Reader("CALL_POPUPINFO.join('|') + '/' + CALL_POPUPINFO.length") };
        var evaluator = PopupEvaluator.Create(options);

        evaluator.Evaluate(Request("WRITER", WriterNumber, items)).Action.Should().Be(PopupAction.Open, "the polluting evaluation must run to its end, or the next one proves nothing");
        var read = evaluator.Evaluate(Request("READER", "390299999999", items));

        read.Url.Should().Be("https://crm.example/?seen=" + Uri.EscapeDataString(string.Join("|", items) + "/" + items.Length));
    }

    [Theory]
    [InlineData("Array.of.call(function () { return s; }, call.CALL_CLI)")]
    [InlineData("Array.of.call(function () { return s.raw; }, call.CALL_CLI)")]
    [InlineData("Array.from.call(function () { return s; }, [call.CALL_CLI])")]
    [InlineData("s.push(call.CALL_CLI)")]
    [InlineData("s.unshift(call.CALL_CLI)")]
    [InlineData("s.splice(2, 0, call.CALL_CLI)")]
    [InlineData("Array.prototype.push.call(s.raw, call.CALL_CLI)")]
    public void TaggedTemplateStrings_WrittenByOneCaller_AreNotSeenByTheNext(string write)
    {
        var evaluator = TestEvaluators.ForScript($$"""
            function tag(s) { return s; }
            function popup(call) {
              var s = tag`a${1}b`;
              if (call.CALL_CLI === '{{WriterNumber}}') { try { {{write}}; } catch (e) { } }
              return { onAnswer: 'https://crm.example/?seen=' + encodeURIComponent(s.join('|') + '/' + s.raw.join('|') + '/' + s[2] + s[0 + 2] + s.raw[2] + Object.keys(s)) };
            }
            """);

        evaluator.Evaluate(Request(TestEvaluators.Service, WriterNumber, [])).Action.Should().Be(PopupAction.Open, "the polluting evaluation must run to its end, or the next one proves nothing");
        var read = evaluator.Evaluate(Request(TestEvaluators.Service, "390299999999", []));

        read.Url.Should().Be("https://crm.example/?seen=" + Uri.EscapeDataString("a|b/a|b/undefinedundefinedundefined0,1"));
    }

    [Theory]
    [InlineData("import('x')")]
    [InlineData("new ShadowRealm().importValue('x', 'y')")]
    public void ImportingAModule_IsAnOrdinaryRejection_AndKeepsTheEngine(string import)
    {
        var limits = TestEvaluators.RelaxedLimits();
        using var engine = new SandboxEngine(limits);
        var script = PopupScript.Compile($"function popup() {{ var p = {import}; return {{ onAnswer: 'https://x.example/?' + (p instanceof Promise) }}; }}");

        var outcome = engine.Run(script, new CallVariables(), limits, CancellationToken.None);

        outcome.Definition!.OnAnswer.Should().Be("https://x.example/?true");
        engine.IsReusable.Should().BeTrue("a rejected import is no reason to rebuild the engine");
    }

    [Fact]
    public void Engines_AreNeverSharedBetweenEvaluators()
    {
        var tenantA = new EnginePool();
        var tenantB = new EnginePool();
        var limits = TestEvaluators.RelaxedLimits();

        var first = tenantA.Rent(limits);
        tenantA.Return(first);
        var second = tenantB.Rent(limits);
        tenantB.Return(second);
        var again = tenantA.Rent(limits);

        second.Should().NotBeSameAs(first, "tenant B never gets tenant A's engine, even the one this thread used last");
        again.Should().BeSameAs(first, "tenant A gets its own engine back");
        tenantA.Return(again);
    }

    private static string Writer(string statement) => $$"""
        function popup(call) {
          try { (function () { {{statement}} })(); } catch (e) { }
          try { (function () { 'use strict'; {{statement}} })(); } catch (e) { }
          return { onAnswer: 'https://crm.example/written' };
        }
        """;

    private static string Reader(string expression) =>
        $"function popup(call) {{ return {{ onAnswer: 'https://crm.example/?seen=' + encodeURIComponent({Seen(expression)}) }}; }}";

    /// <summary>What the reader sees: the expression's value, or the error it throws where the sandbox removed what it uses.</summary>
    private static string Seen(string expression) => $"(function () {{ try {{ return String({expression}); }} catch (e) {{ return 'threw ' + e.name; }} }})()";

    private static PopupRequest Request(string service, string cli, IReadOnlyList<string> popupInfo) => TestEvaluators.Request(service: service) with
    {
        Call = new CallVariables { Service = service, Cli = cli, ChannelSessionId = Guid.NewGuid().ToString(), PopupInfo = popupInfo },
    };
}
