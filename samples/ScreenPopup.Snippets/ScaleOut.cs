using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ScreenPopup;

namespace Snippets;

/// <summary>docs/scale-out.md and the ScreenPopup.Redis package README.</summary>
internal static class ScaleOut
{
    public static void Redis(HostApplicationBuilder builder)
    {
        // begin-snippet: redis-state
        // Redis, atomically (package ScreenPopup.Redis):
        builder.Services.AddScreenPopup().UseRedisState("redis.example:6379");
        // end-snippet
    }

    public static void DistributedCache(HostApplicationBuilder builder)
    {
        // begin-snippet: distributed-state
        // Any IDistributedCache the host registers (AddStackExchangeRedisCache, AddDistributedSqlServerCache, NCache, …):
        builder.Services.AddScreenPopup().UseDistributedState();
        // end-snippet
    }

    public static async Task<string?> OnAnswerAsync(IPopupEvaluator evaluator, PopupRequest request, CancellationToken cancellationToken)
    {
        // begin-snippet: evaluate-async
        // A server with a shared store: no thread waits for Redis or the cache while the decision is made.
        PopupDecision decision = await evaluator.EvaluateAsync(request, cancellationToken);
        // end-snippet
        return decision.Url;
    }
}
