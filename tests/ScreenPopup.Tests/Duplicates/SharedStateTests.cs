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
        using var hostA = Host(cache);
        using var hostB = Host(cache);

        hostA.GetRequiredService<IPopupEvaluator>().Evaluate(SharedStateScenario.Request("dc-1")).Action.Should().Be(PopupAction.Open);
        hostB.GetRequiredService<IPopupEvaluator>().Evaluate(SharedStateScenario.Request("dc-1")).Reason.Should().Be(PopupReason.Duplicate);
    }

    [Fact]
    public async Task UseDistributedState_EvaluateAsyncFromTheContainer_AwaitsTheCache()
    {
        var cache = new CountingCache();
        using var hostA = Host(cache);
        using var hostB = Host(cache);

        (await hostA.GetRequiredService<IPopupEvaluator>().EvaluateAsync(SharedStateScenario.Request("dc-1"))).Action.Should().Be(PopupAction.Open);
        (await hostB.GetRequiredService<IPopupEvaluator>().EvaluateAsync(SharedStateScenario.Request("dc-1"))).Reason.Should().Be(PopupReason.Duplicate);
        cache.BlockingCalls.Should().Be(0);
        cache.AsynchronousCalls.Should().BeGreaterThan(0);
    }

    /// <summary>A host instance whose container shares <paramref name="cache"/> as its <see cref="IDistributedCache"/>.</summary>
    private static ServiceProvider Host(IDistributedCache cache)
    {
        var services = new ServiceCollection();
        services.AddSingleton(cache);
        services.AddScreenPopup(o => o.Services["SUPPORT"] = SharedStateScenario.Options().Services["SUPPORT"]).UseDistributedState();
        return services.BuildServiceProvider();
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

    /// <summary>An in-memory distributed cache that counts blocking and asynchronous calls.</summary>
    private sealed class CountingCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));
        private int _blocking;
        private int _asynchronous;

        public int BlockingCalls => Volatile.Read(ref _blocking);

        public int AsynchronousCalls => Volatile.Read(ref _asynchronous);

        public byte[]? Get(string key) => Blocking(() => _inner.Get(key));

        public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            Interlocked.Increment(ref _asynchronous);
            await Task.Yield();
            return await _inner.GetAsync(key, token);
        }

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Blocking(() => { _inner.Set(key, value, options); return (byte[]?)null; });

        public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Interlocked.Increment(ref _asynchronous);
            await Task.Yield();
            await _inner.SetAsync(key, value, options, token);
        }

        public void Refresh(string key) => _inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

        public void Remove(string key) => _inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);

        private byte[]? Blocking(Func<byte[]?> call)
        {
            Interlocked.Increment(ref _blocking);
            return call();
        }
    }
}
