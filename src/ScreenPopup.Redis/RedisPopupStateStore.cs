using ScreenPopup.Duplicates;
using StackExchange.Redis;

namespace ScreenPopup.Redis;

/// <summary>
/// An <see cref="IAsyncPopupStateStore"/> in Redis: several host instances suppress duplicate popups together.
/// </summary>
/// <remarks>
/// <b>Guarantee:</b> <see cref="TryAdd"/> and <see cref="TryAddAsync"/> are one <c>SET key 1 NX PX ttl</c> command, atomic in Redis: when any number
/// of instances decide the same (session, trigger, agent) at the same moment, exactly one gets <see langword="true"/>.
/// Expiry is Redis's own. Connect with <see cref="Connect"/>, whose settings fail fast when Redis is unreachable;
/// ScreenPopup then decides with this instance's own state and retries Redis a few seconds later. While it does, two
/// instances may each open once: the guarantee holds whenever Redis answers within the timeout.
/// </remarks>
/// <param name="redis">The connection, shared by the whole host.</param>
/// <param name="keyPrefix">Prepended to every key. The default value is <c>screenpopup:</c>.</param>
public sealed class RedisPopupStateStore(IConnectionMultiplexer redis, string keyPrefix = "screenpopup:") : IAsyncPopupStateStore
{
    /// <inheritdoc />
    /// <exception cref="RedisException">Redis cannot be reached or answered with an error (the evaluator falls back, see remarks).</exception>
    public bool TryAdd(string key, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(key);
        return redis.GetDatabase().StringSet(keyPrefix + key, 1, timeToLive, When.NotExists);
    }

    /// <inheritdoc />
    /// <remarks>
    /// StackExchange.Redis takes no cancellation token: a command ends within the connection's timeout (see
    /// <see cref="Connect"/>). A cancelled <paramref name="cancellationToken"/> stops the wait, not the command, which may
    /// still record the key.
    /// </remarks>
    /// <exception cref="RedisException">Redis cannot be reached or answered with an error (the evaluator falls back, see remarks).</exception>
    public async ValueTask<bool> TryAddAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await redis.GetDatabase().StringSetAsync(keyPrefix + key, 1, timeToLive, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects with settings for a decision path: a popup must not wait for an unreachable Redis. Commands fail at once
    /// while disconnected (<c>BacklogPolicy.FailFast</c>), time out after <paramref name="timeout"/>, and the connection
    /// is re-established in the background (<c>AbortOnConnectFail = false</c>). StackExchange.Redis reads replies on the
    /// thread pool: a host that blocks every pool thread with decisions starves that reader, commands time out, and
    /// decisions fall back to the instance's own state. Keep pool threads free (or raise <c>ThreadPool.SetMinThreads</c>).
    /// </summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>localhost:6379</c>.</param>
    /// <param name="timeout">How long one command may take. The default value is one second.</param>
    /// <returns>The connection; share it for the host's lifetime.</returns>
    public static IConnectionMultiplexer Connect(string configuration, TimeSpan? timeout = null)
    {
        var milliseconds = (int)(timeout ?? TimeSpan.FromSeconds(1)).TotalMilliseconds;
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Max(milliseconds, 1000);
        options.SyncTimeout = milliseconds;
        options.AsyncTimeout = milliseconds;
        options.ConnectRetry = 1;
        return ConnectionMultiplexer.Connect(options);
    }
}
