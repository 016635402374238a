using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using ScreenPopup.Diagnostics;

namespace ScreenPopup.Scripting;

/// <summary>
/// Quarantines a script that keeps hitting its limits (<see cref="SandboxLimits.QuarantineAfter"/> timeouts or limit
/// hits in a row): for <see cref="SandboxLimits.QuarantineDuration"/> its decisions are
/// <see cref="PopupReason.ScriptQuarantined"/> at once, so one broken service cannot eat the CPU every other service
/// needs. State belongs to the compiled script, so a configuration change (a new compilation) lifts it.
/// </summary>
internal sealed class ScriptQuarantine(TimeProvider timeProvider, ILogger logger, PopupMetrics metrics)
{
    private readonly ConditionalWeakTable<PopupScript, State> _states = new();

    /// <summary>Whether the script is quarantined now; a quarantine whose time is over is lifted here.</summary>
    public bool IsQuarantined(PopupScript script, out DateTimeOffset until)
    {
        until = default;
        if (!_states.TryGetValue(script, out var state))
        {
            return false;
        }

        lock (state.Lock)
        {
            if (state.Until is not { } end)
            {
                return false;
            }

            if (timeProvider.GetUtcNow() < end)
            {
                until = end;
                return true;
            }

            state.Until = null;
            state.ConsecutiveLimitHits = 0;
            return false;
        }
    }

    /// <summary>Counts a run's outcome: limit hits in a row quarantine the script, anything else resets the count.</summary>
    public void Record(PopupScript script, string service, PopupReason? failure, SandboxLimits limits)
    {
        if (limits.QuarantineAfter == 0)
        {
            return;
        }

        var limitHit = failure is PopupReason.ScriptTimeout or PopupReason.ScriptLimit;
        if (!limitHit && !_states.TryGetValue(script, out _))
        {
            return;
        }

        var state = _states.GetOrCreateValue(script);
        lock (state.Lock)
        {
            state.Service = service;
            state.ConsecutiveLimitHits = limitHit ? state.ConsecutiveLimitHits + 1 : 0;
            if (state.ConsecutiveLimitHits < limits.QuarantineAfter || state.Until is not null)
            {
                return;
            }

            state.Until = timeProvider.GetUtcNow() + limits.QuarantineDuration;
        }

        logger.ScriptQuarantined(service, limits.QuarantineAfter, limits.QuarantineDuration.TotalSeconds);
        metrics.RecordQuarantine(service);
    }

    /// <summary>Which of <paramref name="scripts"/> (the configuration serving now: a replaced one's quarantine is lifted) are quarantined now, by service.</summary>
    public IReadOnlyList<QuarantinedScript> Active(IEnumerable<PopupScript> scripts)
    {
        var now = timeProvider.GetUtcNow();
        var active = new List<QuarantinedScript>();
        foreach (var script in scripts)
        {
            if (!_states.TryGetValue(script, out var state))
            {
                continue;
            }

            lock (state.Lock)
            {
                if (state.Until is { } until && until > now)
                {
                    active.Add(new QuarantinedScript(state.Service, until));
                }
            }
        }

        return active;
    }

    private sealed class State
    {
        public Lock Lock { get; } = new();

        public string Service { get; set; } = "";

        public int ConsecutiveLimitHits { get; set; }

        public DateTimeOffset? Until { get; set; }
    }
}
