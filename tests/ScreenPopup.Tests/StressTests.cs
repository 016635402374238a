namespace ScreenPopup.Tests;

/// <summary>Many threads, good and hostile scripts mixed: every decision matches its own inputs, no thread hangs, memory stays bounded.</summary>
/// <remarks>
/// These tests measure the process's managed memory, so they run alone (<see cref="MemoryMeasurements"/>): whatever a
/// test running beside them held at that moment would count as their growth.
/// </remarks>
[Collection(nameof(MemoryMeasurements))]
public sealed class StressTests
{
    [Fact]
    public void Evaluate_ManyThreadsMixingGoodAndHostileScripts_EveryDecisionIsItsOwn()
    {
        var options = new ScreenPopupOptions();
        options.DuplicateSuppression.Enabled = false;
        options.Sandbox.QuarantineAfter = 0;
        options.Sandbox.Timeout = TimeSpan.FromSeconds(5);
        options.Services["GOOD"] = new PopupService { Script = "function popup(call) { globalThis.seen = call.CALL_CLI; return { onAnswer: 'https://crm.example/?cli=' + encodeURIComponent(call.CALL_CLI) + '&s=' + encodeURIComponent(CALL_CHANNELSESSIONID) }; }" };
        options.Services["LOOP"] = new PopupService { Script = "function popup() { for (;;) {} }" };
        options.Services["BOMB"] = new PopupService { Script = "function popup() { return { onAnswer: 'https://x.example/' + 'x'.repeat(1e9) }; }" };
        options.Services["THROW"] = new PopupService { Script = "function popup(call) { throw new Error('no ' + call.CALL_CLI); }" };
        options.Services["POLLUTE"] = new PopupService { Script = "Object.prototype.onAnswer = 'https://evil.example/'; try { String.prototype.toString = function () { return 'x'; }; } catch (e) { } ({ onRing: 'https://crm.example/ring' })" };
        var evaluator = PopupEvaluator.Create(options);
        var services = new[] { "GOOD", "GOOD", "GOOD", "LOOP", "BOMB", "THROW", "POLLUTE" };
        const int threads = 8;
        const int perThread = 120;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                var service = services[(t + i) % services.Length];
                var cli = $"+39{t:D2}{i:D5}";
                var session = $"s-{t}-{i}";
                var decision = evaluator.Evaluate(new PopupRequest
                {
                    Trigger = PopupTrigger.Answer,
                    Call = new CallVariables { Service = service, Cli = cli, ChannelSessionId = session },
                });
                var ok = service switch
                {
                    "GOOD" => decision.Url == $"https://crm.example/?cli=%2B39{t:D2}{i:D5}&s={session}",
                    "LOOP" or "BOMB" => decision.Reason == PopupReason.ScriptLimit,
                    "THROW" => decision.Reason == PopupReason.ScriptRuntime && decision.Message!.Contains(cli, StringComparison.Ordinal),
                    _ => decision.Reason == PopupReason.NoUrl,
                };
                if (!ok)
                {
                    failures.Add($"{service} {cli}: {decision}");
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        var finished = workers.All(w => w.Join(TimeSpan.FromMinutes(3)));

        finished.Should().BeTrue("no thread may hang");
        failures.Should().BeEmpty();
        var growth = GC.GetTotalMemory(forceFullCollection: true) - before;
        growth.Should().BeLessThan(64L * 1024 * 1024, "evaluations leave nothing behind");
    }

    [Fact]
    public void Evaluate_EightThreadsOneHundredThousandEvaluations_EveryDecisionMatchesItsInputs()
    {
        var evaluator = TestEvaluators.ForScript(
            "function popup(call) { globalThis.last = call.CALL_CLI; return { onAnswer: 'https://crm.example/?cli=' + encodeURIComponent(call.CALL_CLI) + '&s=' + encodeURIComponent(CALL_CHANNELSESSIONID) + '&seen=' + typeof last }; }",
            configure: o => o.DuplicateSuppression.Enabled = false);
        const int threads = 8;
        const int perThread = 12_500;
        var wrong = 0;

        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                var cli = $"{t}-{i}";
                var decision = evaluator.Evaluate(new PopupRequest
                {
                    Trigger = PopupTrigger.Answer,
                    Call = new CallVariables { Service = TestEvaluators.Service, Cli = cli, ChannelSessionId = $"s{t}.{i}" },
                });
                if (decision.Url != $"https://crm.example/?cli={cli}&s=s{t}.{i}&seen=string")
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        var finished = workers.All(w => w.Join(TimeSpan.FromMinutes(5)));

        finished.Should().BeTrue();
        wrong.Should().Be(0, "each of the 100,000 decisions carries its own caller and session, and no other evaluation's global");
    }

    [Fact]
    public void Evaluate_TwentyThousandDistinctScripts_ManagedMemoryStaysFlat()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var batch = 0; batch < 20; batch++)
        {
            var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
            options.DuplicateSuppression.Enabled = false;
            for (var i = 0; i < 1000; i++)
            {
                options.Services[$"S{i}"] = new PopupService { Script = $"({{ onAnswer: 'https://crm{batch}-{i}.example/' + {i} }})" };
            }

            var evaluator = PopupEvaluator.Create(options);
            for (var i = 0; i < 1000; i++)
            {
                evaluator.Evaluate(TestEvaluators.Request(service: $"S{i}")).Action.Should().Be(PopupAction.Open);
            }
        }

        var growth = GC.GetTotalMemory(forceFullCollection: true) - before;
        growth.Should().BeLessThan(32L * 1024 * 1024, "a configuration that is dropped takes its 1,000 compiled scripts with it");
    }
}

/// <summary>Tests that measure the whole process's managed memory: run after the parallel tests, one at a time.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;
