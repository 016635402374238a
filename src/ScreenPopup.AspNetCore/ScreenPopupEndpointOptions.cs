using Microsoft.AspNetCore.Http;

namespace ScreenPopup.AspNetCore;

/// <summary>
/// How <see cref="Microsoft.AspNetCore.Builder.ScreenPopupEndpointRouteBuilderExtensions.MapScreenPopup(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, Action{ScreenPopupEndpointOptions}?)"/>
/// identifies agents, which evaluator it asks, and how long and how many decisions it keeps for an agent's page.
/// </summary>
public sealed class ScreenPopupEndpointOptions
{
    /// <summary>
    /// The agent a request to the agent endpoints (the event stream, the on-demand popup) comes from, or
    /// <see langword="null"/> when it comes from nobody known (answered 401). This is the authorization hook: an agent
    /// subscribes only to the stream of the name it returns, so it must come from what the host authenticated, never
    /// from what the browser asks for. The default value is the authenticated user's name
    /// (<see cref="System.Security.Principal.IIdentity.Name"/> of <see cref="HttpContext.User"/>).
    /// </summary>
    public Func<HttpContext, ValueTask<string?>> ResolveAgent { get; set; } = static context =>
        ValueTask.FromResult(context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null);

    /// <summary>
    /// The key of the named evaluator to ask (<c>AddScreenPopup(name, …)</c>), or <see langword="null"/> for the default
    /// one. Each mapping keeps its own agents' streams, so two tenants' agents of the same name never share one.
    /// </summary>
    public string? EvaluatorName { get; set; }

    /// <summary>
    /// How many of an agent's latest decisions are kept for a page that reconnects (<c>Last-Event-ID</c>), and how many
    /// wait for a page that reads slowly before the oldest is dropped. The default value is 32; at most 10,000.
    /// </summary>
    public int EventsPerAgent { get; set; } = 32;

    /// <summary>
    /// The age after which a decision is stale: a reconnecting page is not sent it, and the browser client does not apply
    /// it (a popup late is worse than none). The default value is 30 seconds.
    /// </summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many pages of one agent may read the agent's stream at once (another is answered 429). The default value is 8.
    /// </summary>
    public int PagesPerAgent { get; set; } = 8;

    /// <summary>
    /// How long a stream stays silent before a <c>ping</c> event is sent: proxies keep it open, and a page that vanished
    /// without closing the connection is noticed (the write fails) and let go. The default value is 15 seconds; at most a day.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest trigger body accepted, in bytes (a larger one is answered 413). The default value is 1 MiB.</summary>
    public int MaxTriggerBytes { get; set; } = 1024 * 1024;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(ResolveAgent);
        ArgumentOutOfRangeException.ThrowIfLessThan(EventsPerAgent, 1, nameof(EventsPerAgent));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(EventsPerAgent, 10_000, nameof(EventsPerAgent));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StaleAfter, TimeSpan.Zero, nameof(StaleAfter));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTriggerBytes, 1, nameof(MaxTriggerBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(PagesPerAgent, 1, nameof(PagesPerAgent));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAliveInterval, TimeSpan.Zero, nameof(KeepAliveInterval));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(KeepAliveInterval, TimeSpan.FromDays(1), nameof(KeepAliveInterval));
    }
}
