using Microsoft.Extensions.Time.Testing;

namespace ScreenPopup.Tests;

public sealed class InMemoryPopupStateStoreTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void TryAdd_SameKeyTwice_OnlyFirstSucceeds()
    {
        var store = new InMemoryPopupStateStore(_clock);

        store.TryAdd("k", TimeSpan.FromMinutes(1)).Should().BeTrue();
        store.TryAdd("k", TimeSpan.FromMinutes(1)).Should().BeFalse();
        store.TryAdd("other", TimeSpan.FromMinutes(1)).Should().BeTrue();
    }

    [Fact]
    public void TryAdd_AfterExpiry_SucceedsAgain()
    {
        var store = new InMemoryPopupStateStore(_clock);
        store.TryAdd("k", TimeSpan.FromSeconds(30));

        _clock.Advance(TimeSpan.FromSeconds(30));

        store.TryAdd("k", TimeSpan.FromSeconds(30)).Should().BeTrue();
    }

    [Fact]
    public void TryAdd_WhenFull_ForgetsTheOldestAndStaysBounded()
    {
        var store = new InMemoryPopupStateStore(_clock, capacity: 3);

        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            store.TryAdd(key, TimeSpan.FromHours(1)).Should().BeTrue();
        }

        store.Count.Should().Be(3);
        store.TryAdd("a", TimeSpan.FromHours(1)).Should().BeTrue("the oldest key was forgotten");
        store.TryAdd("d", TimeSpan.FromHours(1)).Should().BeFalse();
    }

    [Fact]
    public void TryAdd_ManyKeysOverTime_MemoryStaysBounded()
    {
        var store = new InMemoryPopupStateStore(_clock, capacity: 1000);

        for (var i = 0; i < 100_000; i++)
        {
            store.TryAdd($"k{i}", TimeSpan.FromSeconds(i % 7 == 0 ? 1 : 3600));
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        store.Count.Should().BeLessThanOrEqualTo(1000);
    }

    [Fact]
    public async Task TryAdd_SameKeyFromManyThreads_ExactlyOneWins()
    {
        var store = new InMemoryPopupStateStore(_clock);
        using var start = new ManualResetEventSlim();
        var wins = 0;

        var tasks = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.Wait();
            if (store.TryAdd("same", TimeSpan.FromMinutes(1)))
            {
                Interlocked.Increment(ref wins);
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(tasks);

        wins.Should().Be(1);
    }

    [Fact]
    public void Constructor_NonPositiveCapacity_Throws()
    {
        var act = () => new InMemoryPopupStateStore(capacity: 0);

        act.Should().ThrowExactly<ArgumentOutOfRangeException>();
    }
}
