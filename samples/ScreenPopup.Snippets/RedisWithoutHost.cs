namespace Snippets;

// docs/scale-out.md and the ScreenPopup.Redis package README: Redis state without dependency injection.
// begin-snippet: redis-without-host
using ScreenPopup;
using ScreenPopup.Redis;

static class SharedPopups
{
    public static PopupEvaluator Create(ScreenPopupOptions options)
    {
        var redis = RedisPopupStateStore.Connect("redis.example:6379");   // fails fast, 1 s timeout; share it for the process
        return PopupEvaluator.Create(options, stateStore: new RedisPopupStateStore(redis));
    }
}
// end-snippet
