using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ScreenPopup.Redis;
using StackExchange.Redis;

namespace ScreenPopup.Tests;

/// <summary>Several host instances share popup state through a real Redis: one popup per interaction, whatever instance decides.</summary>
public sealed class RedisScaleOutTests
{
    [Fact]
    public void TwoInstances_SharingRedis_SuppressDuplicatesAcrossInstances()
    {
        using var redis = RedisServer.Start();
        using var connectionA = RedisPopupStateStore.Connect(redis.Configuration);
        using var connectionB = RedisPopupStateStore.Connect(redis.Configuration);
        var instanceA = PopupEvaluator.Create(SharedStateScenario.Options(), stateStore: new RedisPopupStateStore(connectionA));
        var instanceB = PopupEvaluator.Create(SharedStateScenario.Options(), stateStore: new RedisPopupStateStore(connectionB));

        instanceA.Evaluate(SharedStateScenario.Request("s-1")).Action.Should().Be(PopupAction.Open);
        instanceB.Evaluate(SharedStateScenario.Request("s-1")).Reason.Should().Be(PopupReason.Duplicate, "the ring was opened by the other instance");
        instanceB.Evaluate(SharedStateScenario.Request("s-1", PopupTrigger.Answer)).Action.Should().Be(PopupAction.Open);
        instanceA.Evaluate(SharedStateScenario.Request("s-1", PopupTrigger.Answer)).Reason.Should().Be(PopupReason.Duplicate);
    }

    [Fact]
    public void Race_ManyIdenticalRequestsSplitOverTwoInstances_ExactlyOneOpens()
    {
        using var redis = RedisServer.Start();
        using var racing = new RacingInstances(redis);
        var (instances, failures) = (racing.Instances, racing.Failures);

        for (var round = 0; round < 5; round++)
        {
            // Dedicated threads, as a CTI server's event threads: 32 blocked pool threads would starve the Redis client's reader.
            using var start = new ManualResetEventSlim();
            var session = $"race-{round}";
            var decisions = new PopupDecision[32];
            var threads = Enumerable.Range(0, decisions.Length).Select(i => new Thread(() =>
            {
                start.Wait();
                decisions[i] = instances[i % 2].Evaluate(SharedStateScenario.Request(session));
            })).ToList();
            threads.ForEach(t => t.Start());
            start.Set();
            threads.ForEach(t => t.Join());

            failures.GetSnapshot().Should().NotContain(r => r.Id.Id == ScreenPopupTelemetry.EventIds.StateStoreFailed, "Redis answered every call");
            decisions.Count(d => d.Action == PopupAction.Open).Should().Be(1, $"round {round}");
            decisions.Count(d => d.Reason == PopupReason.Duplicate).Should().Be(31);
        }
    }

    /// <summary>
    /// The same race through <see cref="IPopupEvaluator.EvaluateAsync"/> on pool threads: the Redis command is awaited
    /// (<c>StringSetAsync</c>), so 32 concurrent decisions hold no thread while Redis answers, and exactly one opens.
    /// </summary>
    [Fact]
    public async Task Race_ManyIdenticalAsyncEvaluationsOnThePool_ExactlyOneOpens()
    {
        using var redis = RedisServer.Start();
        using var racing = new RacingInstances(redis);
        var (instances, failures) = (racing.Instances, racing.Failures);

        for (var round = 0; round < 5; round++)
        {
            var session = $"async-race-{round}";
            var decisions = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
                Task.Run(async () => await instances[i % 2].EvaluateAsync(SharedStateScenario.Request(session)))));

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
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var evaluator = PopupEvaluator.Create(SharedStateScenario.Options(o => o.DuplicateSuppression.Window = TimeSpan.FromMilliseconds(500)),
            timeProvider: clock, stateStore: new RedisPopupStateStore(connection));

        evaluator.Evaluate(SharedStateScenario.Request("s-exp")).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(SharedStateScenario.Request("s-exp")).Reason.Should().Be(PopupReason.Duplicate);

        // Past the window this instance forgets (its clock is ours); Redis drops the key on its own clock (PX), so ask
        // until it has: however slow the machine, the interaction opens again only once Redis expired it.
        await Poll.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return evaluator.Evaluate(SharedStateScenario.Request("s-exp")).Action == PopupAction.Open;
        }, "Redis expires the interaction after the window");
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
        var evaluator = PopupEvaluator.Create(SharedStateScenario.Options(), loggerFactory, timeProvider: clock, stateStore: store);
        var other = PopupEvaluator.Create(SharedStateScenario.Options(), stateStore: store);
        evaluator.Evaluate(SharedStateScenario.Request("before")).Action.Should().Be(PopupAction.Open);

        redis.Kill();
        var started = DateTime.UtcNow;
        evaluator.Evaluate(SharedStateScenario.Request("down-1")).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(SharedStateScenario.Request("down-1")).Reason.Should().Be(PopupReason.Duplicate, "this instance still suppresses its own duplicates");
        evaluator.Evaluate(SharedStateScenario.Request("before")).Reason.Should().Be(PopupReason.Duplicate, "what it opened before the failure is remembered locally");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(3), "a dead Redis must not block decisions");
        logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == ScreenPopupTelemetry.EventIds.StateStoreFailed);

        redis.Resume();
        var round = 0;
        await Poll.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(6));
            var session = $"after-{round++}";
            return evaluator.Evaluate(SharedStateScenario.Request(session)).Action == PopupAction.Open
                && other.Evaluate(SharedStateScenario.Request(session)).Reason == PopupReason.Duplicate;
        }, "the instances share state again once Redis is back");
        logs.GetSnapshot().Should().Contain(r => r.Id.Id == ScreenPopupTelemetry.EventIds.StateStoreRecovered);
    }

    [Fact]
    public void TrackedTabs_AreSharedBetweenInstances()
    {
        using var redis = RedisServer.Start();
        using var connection = RedisPopupStateStore.Connect(redis.Configuration);
        var store = new RedisPopupStateStore(connection);
        var instanceA = PopupEvaluator.Create(SharedStateScenario.Options(o => o.TrackOpenTabs = true), stateStore: store);
        var instanceB = PopupEvaluator.Create(SharedStateScenario.Options(o => o.TrackOpenTabs = true), stateStore: store);

        instanceA.Evaluate(SharedStateScenario.Request("t-1")).WebClient!.Focus.Should().BeTrue("the first popup opens the tab");
        instanceB.Evaluate(SharedStateScenario.Request("t-2")).WebClient!.Focus.Should().BeFalse("the agent's 'crm' tab is open, wherever it was decided");
        instanceB.Evaluate(SharedStateScenario.Request("t-3", agent: "lbianchi")).WebClient!.Focus.Should().BeTrue("another agent has no such tab");
    }

    [Fact]
    public void UseRedisState_InTwoContainers_SharesState()
    {
        using var redis = RedisServer.Start();
        ServiceProvider Host()
        {
            var services = new ServiceCollection();
            services.AddScreenPopup(o => o.Services["SUPPORT"] = SharedStateScenario.Options().Services["SUPPORT"]).UseRedisState(redis.Configuration);
            return services.BuildServiceProvider();
        }

        using var hostA = Host();
        using var hostB = Host();

        hostA.GetRequiredService<IPopupEvaluator>().Evaluate(SharedStateScenario.Request("di-1")).Action.Should().Be(PopupAction.Open);
        hostB.GetRequiredService<IPopupEvaluator>().Evaluate(SharedStateScenario.Request("di-1")).Reason.Should().Be(PopupReason.Duplicate);
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
        var window = SharedStateScenario.Options(o => o.DuplicateSuppression.Window = TimeSpan.FromHours(1));
        var instanceA = PopupEvaluator.Create(window, loggerFactory, timeProvider: clockA, stateStore: new RedisPopupStateStore(connectionA));
        var instanceB = PopupEvaluator.Create(window, stateStore: new RedisPopupStateStore(connectionB));
        var opened = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            instanceA.Evaluate(SharedStateScenario.Request($"before-{i}")).Action.Should().Be(PopupAction.Open);
            opened.Add($"before-{i}");
        }

        redis.Kill();
        for (var i = 0; i < 5; i++)
        {
            instanceA.Evaluate(SharedStateScenario.Request($"during-{i}")).Action.Should().Be(PopupAction.Open);
            opened.Add($"during-{i}");
        }

        redis.Resume(); // no persistence: it comes back empty
        foreach (var session in opened)
        {
            instanceA.Evaluate(SharedStateScenario.Request(session)).Reason.Should().Be(PopupReason.Duplicate, $"instance A opened {session} itself");
        }

        // Once a call reaches Redis again, instance A writes back everything it remembers.
        var probes = 0;
        await Poll.UntilAsync(() =>
        {
            clockA.Advance(TimeSpan.FromSeconds(6));
            instanceA.Evaluate(SharedStateScenario.Request($"probe-{probes++}"));
            return logs.GetSnapshot().Any(r => r.Id.Id == ScreenPopupTelemetry.EventIds.StateStoreRecovered);
        }, "instance A sees Redis again");
        var server = connectionB.GetServer(connectionB.GetEndPoints()[0]);
        await Poll.UntilAsync(() => opened.All(session => server.Keys(pattern: $"*:{session}|*").Any()), "the write-back reaches Redis");

        foreach (var session in opened)
        {
            instanceB.Evaluate(SharedStateScenario.Request(session)).Reason.Should().Be(PopupReason.Duplicate, $"instance A opened {session} and wrote it back");
        }
    }

    /// <summary>Two instances on their own Redis connections, logging into one collector, for the race tests.</summary>
    private sealed class RacingInstances : IDisposable
    {
        private readonly IConnectionMultiplexer _connectionA;
        private readonly IConnectionMultiplexer _connectionB;
        private readonly ILoggerFactory _loggerFactory;

        public RacingInstances(RedisServer redis)
        {
            // The race, not latency, is under test: a generous timeout, because on a loaded two-core machine (other test
            // classes run at the same time, some of them packing and building) a SET among 32 threads took over the default 1 s.
            _connectionA = RedisPopupStateStore.Connect(redis.Configuration, TimeSpan.FromSeconds(10));
            _connectionB = RedisPopupStateStore.Connect(redis.Configuration, TimeSpan.FromSeconds(10));
            _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(Failures)));
            Instances =
            [
                PopupEvaluator.Create(SharedStateScenario.Options(), _loggerFactory, stateStore: new RedisPopupStateStore(_connectionA)),
                PopupEvaluator.Create(SharedStateScenario.Options(), _loggerFactory, stateStore: new RedisPopupStateStore(_connectionB)),
            ];
        }

        public PopupEvaluator[] Instances { get; }

        public FakeLogCollector Failures { get; } = new();

        public void Dispose()
        {
            _loggerFactory.Dispose();
            _connectionA.Dispose();
            _connectionB.Dispose();
        }
    }
}
