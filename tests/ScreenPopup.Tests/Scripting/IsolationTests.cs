namespace ScreenPopup.Tests;

/// <summary>Nothing a script does in one evaluation is visible in another, on one thread or many.</summary>
public sealed class IsolationTests
{
    /// <summary>Pollutes the world on the first call, reports what it sees of earlier pollution in the URL.</summary>
    private const string PollutingScript = """
        function popup(call) {
          var seen = [
            typeof leakedGlobal, typeof implicitGlobal, typeof ({}).polluted, typeof Array.prototype.polluted,
            String(JSON.stringify === undefined), String(Math.random() === 4), String([].push.length !== 1), typeof globalThis.counter
          ].join(',');
          // Each attempt may throw (a built-in prototype's own property refuses assignment): the script carries on.
          function attempt(pollute) { try { pollute(); } catch (e) { } }
          globalThis.leakedGlobal = 1;
          implicitGlobal = 2;
          attempt(function () { Object.prototype.polluted = 3; });
          attempt(function () { Array.prototype.polluted = 4; });
          attempt(function () { Math.random = function () { return 4; }; });
          attempt(function () { Array.prototype.push = function (a, b) { }; });
          globalThis.counter = (globalThis.counter || 0) + 1;
          return { onAnswer: 'https://crm.example/?seen=' + encodeURIComponent(seen) + '&cli=' + encodeURIComponent(call.CALL_CLI) };
        }
        """;

    private const string CleanWorld = "undefined,undefined,undefined,undefined,false,false,false,undefined";

    [Fact]
    public void Evaluate_ScriptPollutesGlobalsAndPrototypes_NextEvaluationSeesCleanWorld()
    {
        var evaluator = TestEvaluators.ForScript(PollutingScript);

        var first = evaluator.Evaluate(TestEvaluators.Request(cli: "1"));
        var second = evaluator.Evaluate(TestEvaluators.Request(cli: "2"));

        Seen(first).Should().Be(CleanWorld);
        Seen(second).Should().Be(CleanWorld);
    }

    [Fact]
    public void Evaluate_TopLevelLetAndConst_CanRunAgain()
    {
        var evaluator = TestEvaluators.ForScript("let base = 'https://crm.example/'; const q = '?x=1';\n({ onAnswer: base + q })");

        evaluator.Evaluate(TestEvaluators.Request()).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(TestEvaluators.Request()).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public void Evaluate_PollutionInOneService_IsInvisibleToAnother()
    {
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
        options.Services["A"] = new PopupService { Script = PollutingScript };
        options.Services["B"] = new PopupService { Script = PollutingScript };
        var evaluator = PopupEvaluator.Create(options);

        evaluator.Evaluate(TestEvaluators.Request(service: "A")).Action.Should().Be(PopupAction.Open, "the polluting evaluation must run to its end, or the next one proves nothing");
        var fromB = evaluator.Evaluate(TestEvaluators.Request(service: "B"));

        Seen(fromB).Should().Be(CleanWorld);
    }

    [Fact]
    public void Evaluate_EightThreadsInParallel_EachDecisionMatchesItsOwnInputsInACleanWorld()
    {
        var evaluator = TestEvaluators.ForScript(PollutingScript);
        const int threads = 8;
        const int perThread = 60;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var start = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                var cli = $"{t}-{i}";
                var decision = evaluator.Evaluate(TestEvaluators.Request(cli: cli));
                if (decision.Action != PopupAction.Open || !decision.Url!.EndsWith("&cli=" + cli, StringComparison.Ordinal) || Seen(decision) != CleanWorld)
                {
                    failures.Add($"{cli}: {decision}");
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        failures.Should().BeEmpty();
    }

    private static string Seen(PopupDecision decision)
    {
        decision.Action.Should().Be(PopupAction.Open, decision.Message);
        var query = new Uri(decision.Url!).Query;
        var seen = query.Split('&').Single(p => p.TrimStart('?').StartsWith("seen=", StringComparison.Ordinal));
        return Uri.UnescapeDataString(seen.TrimStart('?')["seen=".Length..]);
    }
}
