using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;

namespace ScreenPopup.Tests;

/// <summary>Several host instances share popup state through a shared store (in memory here; a real Redis in the integration tests): one popup per interaction, whatever instance decides, and nothing reopened when the store fails or forgets.</summary>
public sealed class SharedStateTests
{
    [Fact]
    public void UseDistributedState_SharesStateThroughIDistributedCache()
    {
        var cache = new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));
        ServiceProvider Host()
        {
            var services = new ServiceCollection();
            services.AddSingleton<IDistributedCache>(cache);
            services.AddScreenPopup(o => o.Services["SUPPORT"] = SharedStateScenario.Options().Services["SUPPORT"]).UseDistributedState();
            return services.BuildServiceProvider();
        }

        using var hostA = Host();
        using var hostB = Host();

        hostA.GetRequiredService<IPopupEvaluator>().Evaluate(SharedStateScenario.Request("dc-1")).Action.Should().Be(PopupAction.Open);
        hostB.GetRequiredService<IPopupEvaluator>().Evaluate(SharedStateScenario.Request("dc-1")).Reason.Should().Be(PopupReason.Duplicate);
    }

    [Fact]
    public void FailingStore_FallsBackLocallyCountsItAndRetriesAfterFiveSeconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new ForgetfulStore();
        var evaluator = PopupEvaluator.Create(SharedStateScenario.Options(), timeProvider: clock, stateStore: store);

        store.Failing = true;
        evaluator.Evaluate(SharedStateScenario.Request("f-1")).Action.Should().Be(PopupAction.Open);
        evaluator.Evaluate(SharedStateScenario.Request("f-1")).Reason.Should().Be(PopupReason.Duplicate);
        evaluator.Evaluate(SharedStateScenario.Request("f-2")).Action.Should().Be(PopupAction.Open);
        store.Calls.Should().Be(1, "after a failure the store is left alone for a while");

        store.Failing = false;
        clock.Advance(TimeSpan.FromSeconds(6));
        evaluator.Evaluate(SharedStateScenario.Request("f-3")).Action.Should().Be(PopupAction.Open);
        store.Calls.Should().BeGreaterThanOrEqualTo(2, "then it is tried again, and used");
        store.Holds("f-3").Should().BeTrue();
    }

    [Fact]
    public void AnInstance_NeverAsksTheSharedStoreAboutWhatItRemembers()
    {
        var store = new ForgetfulStore();
        var evaluator = PopupEvaluator.Create(SharedStateScenario.Options(), stateStore: store);

        evaluator.Evaluate(SharedStateScenario.Request("m-1")).Action.Should().Be(PopupAction.Open);
        store.Restart();

        evaluator.Evaluate(SharedStateScenario.Request("m-1")).Reason.Should().Be(PopupReason.Duplicate, "the instance opened it itself, whatever the shared store forgot");
        store.Calls.Should().Be(1);
    }

    [Fact]
    public async Task SharedStoreLosingItsData_InAnOutage_NoInstanceReopensWhatOneOpened()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new ForgetfulStore();
        var instanceA = PopupEvaluator.Create(SharedStateScenario.Options(), timeProvider: clock, stateStore: store);
        var instanceB = PopupEvaluator.Create(SharedStateScenario.Options(), timeProvider: clock, stateStore: store);
        instanceA.Evaluate(SharedStateScenario.Request("before")).Action.Should().Be(PopupAction.Open);

        store.Failing = true;
        instanceA.Evaluate(SharedStateScenario.Request("during")).Action.Should().Be(PopupAction.Open);
        store.Restart();
        clock.Advance(TimeSpan.FromSeconds(6));

        instanceA.Evaluate(SharedStateScenario.Request("before")).Reason.Should().Be(PopupReason.Duplicate, "opened by this instance before the outage");
        instanceA.Evaluate(SharedStateScenario.Request("during")).Reason.Should().Be(PopupReason.Duplicate, "opened by this instance during the outage");
        instanceA.Evaluate(SharedStateScenario.Request("after")).Action.Should().Be(PopupAction.Open);
        await Poll.UntilAsync(() => store.Holds("before") && store.Holds("during"), "instance A writes back what it remembers once the store works again");

        foreach (var session in new[] { "before", "during", "after" })
        {
            instanceB.Evaluate(SharedStateScenario.Request(session)).Reason.Should().Be(PopupReason.Duplicate, $"instance A opened {session}");
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
