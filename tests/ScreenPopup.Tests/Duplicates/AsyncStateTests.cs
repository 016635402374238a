using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;

namespace ScreenPopup.Tests;

/// <summary>
/// <see cref="IPopupEvaluator.EvaluateAsync"/> with a store reached asynchronously: it awaits the store and never calls its
/// blocking method, decides as <see cref="IPopupEvaluator.Evaluate"/> does, and keeps the resilience and the cancellation
/// rules.
/// </summary>
public sealed class AsyncStateTests
{
    [Fact]
    public async Task EvaluateAsync_TwoInstancesSharingAnAsyncStore_AwaitItAndNeverBlockOnIt()
    {
        var store = new AsyncStore();
        var instanceA = PopupEvaluator.Create(SharedStateScenario.Options(), stateStore: store);
        var instanceB = PopupEvaluator.Create(SharedStateScenario.Options(), stateStore: store);

        (await instanceA.EvaluateAsync(SharedStateScenario.Request("a-1"))).Action.Should().Be(PopupAction.Open);
        (await instanceB.EvaluateAsync(SharedStateScenario.Request("a-1"))).Reason.Should().Be(PopupReason.Duplicate, "the other instance opened it");
        (await instanceB.EvaluateAsync(SharedStateScenario.Request("a-1", PopupTrigger.Answer))).Action.Should().Be(PopupAction.Open);

        store.AsynchronousCalls.Should().BeGreaterThan(0);
        store.BlockingCalls.Should().Be(0, "EvaluateAsync never waits on the store");
    }

    [Fact]
    public void Evaluate_WithAnAsyncStore_UsesItsSynchronousMethod()
    {
        var store = new AsyncStore();
        var instanceA = PopupEvaluator.Create(SharedStateScenario.Options(), stateStore: store);
        var instanceB = PopupEvaluator.Create(SharedStateScenario.Options(), stateStore: store);

        instanceA.Evaluate(SharedStateScenario.Request("s-1")).Action.Should().Be(PopupAction.Open);
        instanceB.Evaluate(SharedStateScenario.Request("s-1")).Reason.Should().Be(PopupReason.Duplicate);

        store.BlockingCalls.Should().BeGreaterThan(0);
        store.AsynchronousCalls.Should().Be(0);
    }

    [Fact]
    public async Task EvaluateAsync_TrackedTabOpenedByAnotherInstance_ReloadsInTheBackground()
    {
        var store = new AsyncStore();
        var instanceA = PopupEvaluator.Create(SharedStateScenario.Options(o => o.TrackOpenTabs = true), stateStore: store);
        var instanceB = PopupEvaluator.Create(SharedStateScenario.Options(o => o.TrackOpenTabs = true), stateStore: store);

        var first = await instanceA.EvaluateAsync(SharedStateScenario.Request("t-1"));
        var second = await instanceB.EvaluateAsync(SharedStateScenario.Request("t-2"));

        first.WebClient.Should().BeEquivalentTo(new { Target = WebClientTarget.NamedTab, TabName = "crm", Focus = true });
        second.WebClient.Should().BeEquivalentTo(new { Target = WebClientTarget.NamedTab, TabName = "crm", Focus = false }, "the agent's crm tab is open: it reloads behind the agent page");
        store.BlockingCalls.Should().Be(0);
    }

    [Fact]
    public async Task EvaluateAsync_StoreFailingAsynchronously_DecidesLocallyAndReportsIt()
    {
        var store = new AsyncStore { Failing = true };
        var evaluator = PopupEvaluator.Create(SharedStateScenario.Options(), stateStore: store);

        (await evaluator.EvaluateAsync(SharedStateScenario.Request("f-1"))).Action.Should().Be(PopupAction.Open);
        (await evaluator.EvaluateAsync(SharedStateScenario.Request("f-1"))).Reason.Should().Be(PopupReason.Duplicate, "the instance's own memory still suppresses");

        evaluator.Health.StateStoreFailing.Should().BeTrue();
    }

    [Fact]
    public async Task EvaluateAsync_CallerGivesUpWhileTheStoreAnswers_TheRecordedDecisionIsReturned()
    {
        var store = new AsyncStore { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var evaluator = PopupEvaluator.Create(SharedStateScenario.Options(), stateStore: store);
        using var cancellation = new CancellationTokenSource();

        var evaluation = evaluator.EvaluateAsync(SharedStateScenario.Request("c-1"), cancellation.Token).AsTask();
        await Poll.UntilAsync(() => store.AsynchronousCalls > 0, "the evaluation reaches the store");
        await cancellation.CancelAsync();
        store.Gate.SetResult();

        (await evaluation).Action.Should().Be(PopupAction.Open, "the store recorded the popup as opened, so that is the decision");
        (await evaluator.EvaluateAsync(SharedStateScenario.Request("c-1"))).Reason.Should().Be(PopupReason.Duplicate);
    }

    [Fact]
    public async Task EvaluateAsync_CancelledBeforeItStarts_ThrowsAndRecordsNothing()
    {
        var store = new AsyncStore();
        var evaluator = PopupEvaluator.Create(SharedStateScenario.Options(), stateStore: store);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var act = async () => await evaluator.EvaluateAsync(SharedStateScenario.Request("x-1"), cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        store.AsynchronousCalls.Should().Be(0);
    }

    [Fact]
    public void Evaluate_CancelledBeforeItStarts_ThrowsEvenWhenNoScriptWouldRun()
    {
        var evaluator = PopupEvaluator.Create(SharedStateScenario.Options());
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var unknownService = new PopupRequest { Trigger = PopupTrigger.Ring, Call = new CallVariables { Service = "NO-SUCH-SERVICE" } };

        evaluator.Invoking(e => e.Evaluate(unknownService, cancellation.Token)).Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public async Task EvaluateAsync_InMemory_CompletesSynchronously()
    {
        var evaluator = PopupEvaluator.Create(SharedStateScenario.Options());

        var evaluation = evaluator.EvaluateAsync(SharedStateScenario.Request("m-1"));

        evaluation.IsCompletedSuccessfully.Should().BeTrue("nothing is awaited: no task is allocated on the common path");
        (await evaluation).Action.Should().Be(PopupAction.Open);
    }

    [Fact]
    public async Task DistributedCacheStore_TryAddAsync_RecordsOnce()
    {
        var store = new DistributedCachePopupStateStore(new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions())));

        (await store.TryAddAsync("k", TimeSpan.FromMinutes(1))).Should().BeTrue();
        (await store.TryAddAsync("k", TimeSpan.FromMinutes(1))).Should().BeFalse();
        store.TryAdd("k", TimeSpan.FromMinutes(1)).Should().BeFalse("both methods read the same keys");
    }

    [Fact]
    public async Task NamedEvaluators_SharingOneAsyncStore_NeverSuppressEachOther()
    {
        var store = new AsyncStore();
        var services = new ServiceCollection();
        services.AddScreenPopup("TenantA", o => o.Services["SUPPORT"] = SharedStateScenario.Options().Services["SUPPORT"]).UseStateStore(_ => store);
        services.AddScreenPopup("TenantB", o => o.Services["SUPPORT"] = SharedStateScenario.Options().Services["SUPPORT"]).UseStateStore(_ => store);
        using var provider = services.BuildServiceProvider();

        (await provider.GetRequiredKeyedService<IPopupEvaluator>("TenantA").EvaluateAsync(SharedStateScenario.Request("n-1"))).Action.Should().Be(PopupAction.Open);
        (await provider.GetRequiredKeyedService<IPopupEvaluator>("TenantB").EvaluateAsync(SharedStateScenario.Request("n-1"))).Action.Should().Be(PopupAction.Open, "another tenant's interaction");
        store.Keys.Should().HaveCount(2).And.OnlyContain(key => key.StartsWith("7:Tenant", StringComparison.Ordinal));
        store.BlockingCalls.Should().Be(0);
    }

    /// <summary>A shared store that answers asynchronously (after a yield, or when <see cref="Gate"/> opens) and counts both kinds of call.</summary>
    private sealed class AsyncStore : IAsyncPopupStateStore
    {
        private readonly ConcurrentDictionary<string, bool> _keys = new(StringComparer.Ordinal);
        private int _blocking;
        private int _asynchronous;

        public bool Failing { get; init; }

        public TaskCompletionSource? Gate { get; init; }

        public int BlockingCalls => Volatile.Read(ref _blocking);

        public int AsynchronousCalls => Volatile.Read(ref _asynchronous);

        public ICollection<string> Keys => _keys.Keys;

        public bool TryAdd(string key, TimeSpan timeToLive)
        {
            Interlocked.Increment(ref _blocking);
            return Failing ? throw new TimeoutException("the shared store did not answer") : _keys.TryAdd(key, true);
        }

        public async ValueTask<bool> TryAddAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _asynchronous);
            if (Gate is { } gate)
            {
                await gate.Task;
            }
            else
            {
                await Task.Yield();
            }

            return Failing ? throw new TimeoutException("the shared store did not answer") : _keys.TryAdd(key, true);
        }
    }
}
