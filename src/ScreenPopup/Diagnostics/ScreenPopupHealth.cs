namespace ScreenPopup.Diagnostics;

/// <summary>
/// What an evaluator's health depends on, now: a configuration change it rejected (the last good configuration keeps
/// serving), a shared state store that fails (decisions use the instance's own state), scripts quarantined after
/// repeated limit hits. Decisions go on in every case; an operator should look. The health check of
/// <c>AddScreenPopupHealthCheck</c> reports it as Degraded.
/// </summary>
public sealed record ScreenPopupHealth
{
    /// <summary>Why the last configuration change was rejected, while the last good configuration serves; <see langword="null"/> when none is pending.</summary>
    public string? RejectedChange { get; init; }

    /// <summary>Whether the shared state store fails now (duplicate suppression is then per instance until it works again).</summary>
    public bool StateStoreFailing { get; init; }

    /// <summary>The scripts quarantined now, by service.</summary>
    public IReadOnlyList<QuarantinedScript> QuarantinedScripts { get; init; } = [];

    /// <summary>Whether nothing needs an operator: no rejected change, a working store, no quarantined script.</summary>
    public bool IsHealthy => RejectedChange is null && !StateStoreFailing && QuarantinedScripts.Count == 0;
}

/// <summary>A service whose script is quarantined.</summary>
/// <param name="Service">The service code.</param>
/// <param name="Until">When the quarantine ends (a configuration change lifts it sooner).</param>
public sealed record QuarantinedScript(string Service, DateTimeOffset Until);
