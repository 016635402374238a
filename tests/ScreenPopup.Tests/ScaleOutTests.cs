using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ScreenPopup.Redis;

namespace ScreenPopup.Tests;

/// <summary>Several host instances share popup state through a real Redis: one popup per interaction, whatever instance decides.</summary>
public sealed class ScaleOutTests
{
    private static ScreenPopupOptions Options(Action<ScreenPopupOptions>? configure = null)
    {
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
        options.Services["SUPPORT"] = new PopupService { Script = "({ onRing: 'https://crm.example/ring', onAnswer: 'https://crm.example/answer', webClientOpenNewTab: true, webClientTabName: 'crm' })" };
        configure?.Invoke(options);
        return options;
    }

    private static PopupRequest Request(string session, PopupTrigger trigger = PopupTrigger.Ring, string agent = "mrossi") => new()
    {
        Trigger = trigger,
        Call = new CallVariables { Service = "SUPPORT", ChannelSessionId = session },
        Agent = new AgentVariables { Username = agent },
    };

    [Fact]
    public void TwoInstances_SharingRedis_SuppressDuplicatesAcrossInstances()
    {
        using var redis = RedisServer.Start();
        using var connectionA = RedisPopupStateStore.Connect(redis.Configuration);
        using var connectionB = RedisPopupStateStore.Connect(redis.Configuration);
        var instanceA = PopupEvaluator.Create(Options(), stateStore: new RedisPopupStateStore(connectionA));
        var instanceB = PopupEvaluator.Create(Options(), stateStore: new RedisPopupStateStore(connectionB));

        instanceA.Evaluate(Request("s-1")).Action.Should().Be(PopupAction.Open);
        instanceB.Evaluate(Request("s-1")).Reason.Should().Be(PopupReason.Duplicate, "the ring was opened by the other instance");
        instanceB.Evaluate(Request("s-1", PopupTrigger.Answer)).Action.Should().Be(PopupAction.Open);
        instanceA.Evaluate(Request("s-1", PopupTrigger.Answer)).Reason.Should().Be(PopupReason.Duplicate);
    }

    [Fact]
    public void Race_ManyIdenticalRequestsSplitOverTwoInstances_ExactlyOneOpens()
    {
        using var redis = RedisServer.Start();
        // The race, not latency, is under test: a generous timeout, because on a loaded two-core machine (other test
        // classes run at the same time, some of them packing and building) a SET among 32 threads took over the default 1 s.
        using var connectionA = RedisPopupStateStore.Connect(redis.Configuration, TimeSpan.FromSeconds(10));
        using var connectionB = RedisPopupStateStore.Connect(redis.Configuration, TimeSpan.FromSeconds(10));
        var failures = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(failures)));
        var instances = new[]
        {
            PopupEvaluator.Create(Options(), loggerFactory, stateStore: new RedisPopupStateStore(connectionA)),
            PopupEvaluator.Create(Options(), loggerFactory, stateStore: new RedisPopupStateStore(connectionB)),
        };

        for (var round = 0; round < 5; round++)
        {
            // Dedicated threads, as a CTI server's event threads: 32 blocked pool threads would starve the Redis client's reader.
            using var start = new ManualResetEventSlim();
            var session = $"race-{round}";
            var decisions = new PopupDecision[32];
            var threads = Enumerable.Range(0, decisions.Length).Select(i => new Thread(() =>
            {
                start.Wait();
                decisions[i] = instances[i % 2].Evaluate(Request(session));
            })).ToList();
            threads.ForEach(t => t.Start());
            start.Set();
            threads.ForEach(t => t.Join());

            failures.GetSnapshot().Should().NotContain(r => r.Id.Id == ScreenPopupTelemetry.EventIds.StateStoreFailed, "Redis answered every call");
            decisions.Count(d => d.Action == PopupAction.Open).Should().Be(1, $"round {round}");
            decisions.Count(d => d.Reason == PopupReason.Duplicate).Should().Be(31);
        }
    }

    [Fact]
    public async Task Expiry_AfterTheWindow_TheInteractionOpensAgain()
    {
        using var redis = RedisServer.Start();
        using var connection = RedisPopupStateStore.Connect(redis.Configuration);
        var evaluator = PopupEvaluator.Create(Options(o => o.DuplicateSuppression.Window = TimeSpan.FromMilliseconds(500)), stateStore: new RedisPopupStateStore(connection));

        evaluator.Evaluate(Request("s-exp")).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(Request("s-exp")).Reason.Should().Be(PopupReason.Duplicate);
        await Task.Delay(900, TestContext.Current.CancellationToken);

        evaluator.Evaluate(Request("s-exp")).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public async Task RedisDown_DecisionsKeepFlowingLocallyAndRecoverWhenItReturns()
    {
        using var redis = RedisServer.Start();
        using var connection = RedisPopupStateStore.Connect(redis.Configuration);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        var store = new RedisPopupStateStore(connection);
        var evaluator = PopupEvaluator.Create(Options(), loggerFactory, timeProvider: clock, stateStore: store);
        var other = PopupEvaluator.Create(Options(), stateStore: store);
        evaluator.Evaluate(Request("before")).Action.Should().Be(PopupAction.Open);

        redis.Kill();
        var started = DateTime.UtcNow;
        evaluator.Evaluate(Request("down-1")).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(Request("down-1")).Reason.Should().Be(PopupReason.Duplicate, "this instance still suppresses its own duplicates");
        evaluator.Evaluate(Request("before")).Reason.Should().Be(PopupReason.Duplicate, "what it opened before the failure is remembered locally");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(3), "a dead Redis must not block decisions");
        logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == ScreenPopupTelemetry.EventIds.StateStoreFailed);

        redis.Resume();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var round = 0;
        while (DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromSeconds(6));
            var session = $"after-{round++}";
            if (evaluator.Evaluate(Request(session)).Action == PopupAction.Open && other.Evaluate(Request(session)).Reason == PopupReason.Duplicate)
            {
                break;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        DateTime.UtcNow.Should().BeBefore(deadline, "the instances share state again once Redis is back");
        logs.GetSnapshot().Should().Contain(r => r.Id.Id == ScreenPopupTelemetry.EventIds.StateStoreRecovered);
    }

    [Fact]
    public void TrackedTabs_AreSharedBetweenInstances()
    {
        using var redis = RedisServer.Start();
        using var connection = RedisPopupStateStore.Connect(redis.Configuration);
        var store = new RedisPopupStateStore(connection);
        var instanceA = PopupEvaluator.Create(Options(o => o.TrackOpenTabs = true), stateStore: store);
        var instanceB = PopupEvaluator.Create(Options(o => o.TrackOpenTabs = true), stateStore: store);

        instanceA.Evaluate(Request("t-1")).WebClient!.Focus.Should().BeTrue("the first popup opens the tab");
        instanceB.Evaluate(Request("t-2")).WebClient!.Focus.Should().BeFalse("the agent's 'crm' tab is open, wherever it was decided");
        instanceB.Evaluate(Request("t-3", agent: "lbianchi")).WebClient!.Focus.Should().BeTrue("another agent has no such tab");
    }

    [Fact]
    public void UseRedisState_InTwoContainers_SharesState()
    {
        using var redis = RedisServer.Start();
        ServiceProvider Host()
        {
            var services = new ServiceCollection();
            services.AddScreenPopup(o => o.Services["SUPPORT"] = Options().Services["SUPPORT"]).UseRedisState(redis.Configuration);
            return services.BuildServiceProvider();
        }

        using var hostA = Host();
        using var hostB = Host();

        hostA.GetRequiredService<IPopupEvaluator>().Evaluate(Request("di-1")).Action.Should().Be(PopupAction.Open);
        hostB.GetRequiredService<IPopupEvaluator>().Evaluate(Request("di-1")).Reason.Should().Be(PopupReason.Duplicate);
    }

    [Fact]
    public void UseDistributedState_SharesStateThroughIDistributedCache()
    {
        var cache = new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));
        ServiceProvider Host()
        {
            var services = new ServiceCollection();
            services.AddSingleton<IDistributedCache>(cache);
            services.AddScreenPopup(o => o.Services["SUPPORT"] = Options().Services["SUPPORT"]).UseDistributedState();
            return services.BuildServiceProvider();
        }

        using var hostA = Host();
        using var hostB = Host();

        hostA.GetRequiredService<IPopupEvaluator>().Evaluate(Request("dc-1")).Action.Should().Be(PopupAction.Open);
        hostB.GetRequiredService<IPopupEvaluator>().Evaluate(Request("dc-1")).Reason.Should().Be(PopupReason.Duplicate);
    }

    [Fact]
    public void FailingStore_FallsBackLocallyCountsItAndRetriesAfterFiveSeconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new ForgetfulStore();
        var evaluator = PopupEvaluator.Create(Options(), timeProvider: clock, stateStore: store);

        store.Failing = true;
        evaluator.Evaluate(Request("f-1")).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(Request("f-1")).Reason.Should().Be(PopupReason.Duplicate);
        evaluator.Evaluate(Request("f-2")).Action.Should().Be(PopupAction.Open);
        store.Calls.Should().Be(1, "after a failure the store is left alone for a while");

        store.Failing = false;
        clock.Advance(TimeSpan.FromSeconds(6));
        evaluator.Evaluate(Request("f-3")).Action.Should().Be(PopupAction.Open);
        store.Calls.Should().BeGreaterThanOrEqualTo(2, "then it is tried again, and used");
        store.Holds("f-3").Should().BeTrue();
    }

    [Fact]
    public void AnInstance_NeverAsksTheSharedStoreAboutWhatItRemembers()
    {
        var store = new ForgetfulStore();
        var evaluator = PopupEvaluator.Create(Options(), stateStore: store);

        evaluator.Evaluate(Request("m-1")).Action.Should().Be(PopupAction.Open);
        store.Restart();

        evaluator.Evaluate(Request("m-1")).Reason.Should().Be(PopupReason.Duplicate, "the instance opened it itself, whatever the shared store forgot");
        store.Calls.Should().Be(1);
    }

    [Fact]
    public async Task SharedStoreLosingItsData_InAnOutage_NoInstanceReopensWhatOneOpened()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new ForgetfulStore();
        var instanceA = PopupEvaluator.Create(Options(), timeProvider: clock, stateStore: store);
        var instanceB = PopupEvaluator.Create(Options(), timeProvider: clock, stateStore: store);
        instanceA.Evaluate(Request("before")).Action.Should().Be(PopupAction.Open);

        store.Failing = true;
        instanceA.Evaluate(Request("during")).Action.Should().Be(PopupAction.Open);
        store.Restart();
        clock.Advance(TimeSpan.FromSeconds(6));

        instanceA.Evaluate(Request("before")).Reason.Should().Be(PopupReason.Duplicate, "opened by this instance before the outage");
        instanceA.Evaluate(Request("during")).Reason.Should().Be(PopupReason.Duplicate, "opened by this instance during the outage");
        instanceA.Evaluate(Request("after")).Action.Should().Be(PopupAction.Open);
        await Eventually(() => store.Holds("before") && store.Holds("during"), "instance A writes back what it remembers once the store works again");

        foreach (var session in new[] { "before", "during", "after" })
        {
            instanceB.Evaluate(Request(session)).Reason.Should().Be(PopupReason.Duplicate, $"instance A opened {session}");
        }
    }

    [Fact]
    public async Task RedisKilledAndRestartedEmpty_NoInstanceReopensWhatOneOpened()
    {
        using var redis = RedisServer.Start();
        using var connectionA = RedisPopupStateStore.Connect(redis.Configuration, TimeSpan.FromSeconds(5));
        using var connectionB = RedisPopupStateStore.Connect(redis.Configuration, TimeSpan.FromSeconds(5));
        var clockA = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        // Long enough that advancing instance A's clock past the retry delay, probe after probe, expires nothing.
        var window = Options(o => o.DuplicateSuppression.Window = TimeSpan.FromHours(1));
        var instanceA = PopupEvaluator.Create(window, loggerFactory, timeProvider: clockA, stateStore: new RedisPopupStateStore(connectionA));
        var instanceB = PopupEvaluator.Create(window, stateStore: new RedisPopupStateStore(connectionB));
        var opened = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            instanceA.Evaluate(Request($"before-{i}")).Action.Should().Be(PopupAction.Open);
            opened.Add($"before-{i}");
        }

        redis.Kill();
        for (var i = 0; i < 5; i++)
        {
            instanceA.Evaluate(Request($"during-{i}")).Action.Should().Be(PopupAction.Open);
            opened.Add($"during-{i}");
        }

        redis.Resume(); // no persistence: it comes back empty
        foreach (var session in opened)
        {
            instanceA.Evaluate(Request(session)).Reason.Should().Be(PopupReason.Duplicate, $"instance A opened {session} itself");
        }

        // Once a call reaches Redis again, instance A writes back everything it remembers.
        var probes = 0;
        await Eventually(() =>
        {
            clockA.Advance(TimeSpan.FromSeconds(6));
            instanceA.Evaluate(Request($"probe-{probes++}"));
            return logs.GetSnapshot().Any(r => r.Id.Id == ScreenPopupTelemetry.EventIds.StateStoreRecovered);
        }, "instance A sees Redis again");
        var server = connectionB.GetServer(connectionB.GetEndPoints()[0]);
        await Eventually(() => opened.All(session => server.Keys(pattern: $"*:{session}|*").Any()), "the write-back reaches Redis");

        foreach (var session in opened)
        {
            instanceB.Evaluate(Request(session)).Reason.Should().Be(PopupReason.Duplicate, $"instance A opened {session} and wrote it back");
        }
    }

    /// <summary>Waits for a condition, polling, with a bound generous enough for a busy machine.</summary>
    private static async Task Eventually(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, because);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A shared store that can fail and can restart without its data, as a Redis without persistence does.</summary>
    private sealed class ForgetfulStore : IPopupStateStore
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _keys = new(StringComparer.Ordinal);
        private int _calls;

        public bool Failing { get; set; }

        public int Calls => Volatile.Read(ref _calls);

        public void Restart()
        {
            _keys.Clear();
            Failing = false;
        }

        public bool Holds(string session) => _keys.Keys.Any(key => key.Contains($":{session}|", StringComparison.Ordinal));

        public bool TryAdd(string key, TimeSpan timeToLive)
        {
            Interlocked.Increment(ref _calls);
            return Failing ? throw new TimeoutException("the shared store did not answer") : _keys.TryAdd(key, true);
        }
    }
}
