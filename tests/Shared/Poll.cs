namespace ScreenPopup.Tests;

/// <summary>Waiting for something that happens in the background, without depending on the machine's speed.</summary>
internal static class Poll
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds; fails after 60 s, a bound generous enough for a busy machine.</summary>
    public static Task UntilAsync(Func<bool> condition, string because) => UntilAsync(() => Task.FromResult(condition()), because);

    /// <summary>Polls an asynchronous <paramref name="condition"/> (a browser's or a server's state) the same way.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, because);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
