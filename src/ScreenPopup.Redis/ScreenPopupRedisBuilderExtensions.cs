using ScreenPopup.Duplicates;
using ScreenPopup.Redis;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Redis as ScreenPopup's shared state.</summary>
public static class ScreenPopupRedisBuilderExtensions
{
    /// <summary>Shares duplicate suppression (and tracked tabs) between host instances through Redis, atomically.</summary>
    /// <param name="builder">The ScreenPopup builder.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>localhost:6379</c>.</param>
    /// <returns>The builder.</returns>
    public static IScreenPopupBuilder UseRedisState(this IScreenPopupBuilder builder, string configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.UseStateStore(_ => new RedisPopupStateStore(RedisPopupStateStore.Connect(configuration)));
    }

    /// <summary>Shares duplicate suppression (and tracked tabs) between host instances through the container's Redis connection, atomically.</summary>
    /// <param name="builder">The ScreenPopup builder.</param>
    /// <returns>The builder.</returns>
    public static IScreenPopupBuilder UseRedisState(this IScreenPopupBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseStateStore(provider => new RedisPopupStateStore(provider.GetRequiredService<IConnectionMultiplexer>()));
    }
}
