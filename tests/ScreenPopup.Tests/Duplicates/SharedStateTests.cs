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

    /// <summary>
    /// A call that began before a failure and succeeds after it ends the store's bypass: what the instance opens next is
    /// asked of the store at once, not kept only here (it was, until the bypass ran out, and was never written back).
    /// </summary>
    [Fact]
    public async Task SlowCallSucceedingAfterAFailure_WhatOpensNextReachesTheStore()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new ScriptedStore();
        var instanceA = PopupEvaluator.Create(SharedStateScenario.Options(), timeProvider: clock, stateStore: store);
        var instanceB = PopupEvaluator.Create(SharedStateScenario.Options(), timeProvider: clock, stateStore: store);
        var slowAnswer = store.Hold("slow");
        var slow = instanceA.EvaluateAsync(SharedStateScenario.Request("slow")).AsTask();
        store.Failing = true;
        (await instanceA.EvaluateAsync(SharedStateScenario.Request("failed"))).Action.Should().Be(PopupAction.Open);
        store.Failing = false;

        slowAnswer.SetResult();
        (await slow).Action.Should().Be(PopupAction.Open);
        (await instanceA.EvaluateAsync(SharedStateScenario.Request("next"))).Action.Should().Be(PopupAction.Open);

        instanceA.Health.StateStoreFailing.Should().BeFalse();
        store.Holds("next").Should().BeTrue("the store answered again, so it is asked again");
        await Poll.UntilAsync(() => store.Holds("failed"), "what was opened during the failure is written back");
        (await instanceB.EvaluateAsync(SharedStateScenario.Request("next"))).Reason.Should().Be(PopupReason.Duplicate);
        (await instanceB.EvaluateAsync(SharedStateScenario.Request("failed"))).Reason.Should().Be(PopupReason.Duplicate);
    }

    /// <summary>A recovery while an earlier write-back still runs gets a pass of its own: what was opened in between is written too.</summary>
    [Fact]
    public async Task RecoveryWhileAWriteBackRuns_WhatWasOpenedInBetweenIsWrittenBackToo()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new ScriptedStore();
        var instanceA = PopupEvaluator.Create(SharedStateScenario.Options(), timeProvider: clock, stateStore: store);
        var instanceB = PopupEvaluator.Create(SharedStateScenario.Options(), timeProvider: clock, stateStore: store);
        store.Failing = true;
        await instanceA.EvaluateAsync(SharedStateScenario.Request("outage-1"));
        store.Failing = false;
        var firstWriteBack = store.Hold("outage-1");
        clock.Advance(TimeSpan.FromSeconds(6));
        await instanceA.EvaluateAsync(SharedStateScenario.Request("recovery-1"));   // the write-back starts, and waits on outage-1
        await Poll.UntilAsync(() => store.Waiting("outage-1"), "the first write-back is under way");

        store.Failing = true;
        await instanceA.EvaluateAsync(SharedStateScenario.Request("outage-2"));
        await instanceA.EvaluateAsync(SharedStateScenario.Request("in-between"));
        store.Failing = false;
        clock.Advance(TimeSpan.FromSeconds(6));
        await instanceA.EvaluateAsync(SharedStateScenario.Request("recovery-2"));
        firstWriteBack.SetResult();

        await Poll.UntilAsync(() => store.Holds("in-between") && store.Holds("outage-2"), "the second recovery's write-back runs after the first");
        (await instanceB.EvaluateAsync(SharedStateScenario.Request("in-between"))).Reason.Should().Be(PopupReason.Duplicate);
    }

    /// <summary>An entry about to expire (under a millisecond left, which Redis refuses as an expiry) is not written back, and does not stop the write-back.</summary>
    [Fact]
    public async Task WriteBack_SkipsAnEntryAboutToExpire()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new ScriptedStore { RefuseExpiriesUnderAMillisecond = true, Failing = true };
        var instanceA = PopupEvaluator.Create(SharedStateScenario.Options(), timeProvider: clock, stateStore: store);
        var instanceB = PopupEvaluator.Create(SharedStateScenario.Options(), timeProvider: clock, stateStore: store);
        var window = SharedStateScenario.Options().DuplicateSuppression.Window;
        await instanceA.EvaluateAsync(SharedStateScenario.Request("old"));
        clock.Advance(window - TimeSpan.FromSeconds(10));
        await instanceA.EvaluateAsync(SharedStateScenario.Request("fresh"));
        clock.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(5_000));     // "old" has half a millisecond left
        store.Failing = false;

        await instanceA.EvaluateAsync(SharedStateScenario.Request("recovery"));

        await Poll.UntilAsync(() => store.Holds("fresh"), "the write-back goes on past the entry about to expire");
        store.Holds("old").Should().BeFalse();
        instanceA.Health.StateStoreFailing.Should().BeFalse();
        (await instanceB.EvaluateAsync(SharedStateScenario.Request("fresh"))).Reason.Should().Be(PopupReason.Duplicate);
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

    /// <summary>
    /// An asynchronous shared store whose answers a test holds back per session (<see cref="Hold"/>), that fails on demand,
    /// and that can refuse an expiry under a millisecond as Redis does.
    /// </summary>
    private sealed class ScriptedStore : IAsyncPopupStateStore
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _keys = new(StringComparer.Ordinal);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _held = new(StringComparer.Ordinal);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _waiting = new(StringComparer.Ordinal);

        public bool Failing { get; set; }

        public bool RefuseExpiriesUnderAMillisecond { get; init; }

        public TaskCompletionSource Hold(string session) => _held[session] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Waiting(string session) => _waiting.ContainsKey(session);

        public bool Holds(string session) => _keys.Keys.Any(key => key.Contains($":{session}|", StringComparison.Ordinal));

        public bool TryAdd(string key, TimeSpan timeToLive) => throw new InvalidOperationException("these tests evaluate asynchronously");

        public async ValueTask<bool> TryAddAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        {
            var held = _held.FirstOrDefault(h => key.Contains($":{h.Key}|", StringComparison.Ordinal));
            if (held.Value is { } answer)
            {
                _waiting[held.Key] = true;
                await answer.Task;
            }
            else
            {
                await Task.Yield();
            }

            if (Failing)
            {
                throw new TimeoutException("the shared store did not answer");
            }

            return RefuseExpiriesUnderAMillisecond && timeToLive < TimeSpan.FromMilliseconds(1)
                ? throw new InvalidOperationException("ERR invalid expire time in 'set' command")
                : _keys.TryAdd(key, true);
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
