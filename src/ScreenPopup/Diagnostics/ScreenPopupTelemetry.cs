namespace ScreenPopup.Diagnostics;

/// <summary>The names under which ScreenPopup reports metrics and logs, for dashboards and alerts.</summary>
public static class ScreenPopupTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> and of the log category: <c>ScreenPopup</c>.</summary>
    public const string MeterName = "ScreenPopup";

    /// <summary>Counter of decisions, tagged <c>action</c>, <c>reason</c> (empty for open), <c>trigger</c> and <c>channel</c>.</summary>
    public const string DecisionsCounter = "screenpopup.decisions";

    /// <summary>Histogram of the time one <see cref="IPopupEvaluator.Evaluate"/> takes, in seconds, tagged <c>action</c>.</summary>
    public const string EvaluationDurationHistogram = "screenpopup.evaluation.duration";

    /// <summary>Counter of configuration changes, tagged <c>outcome</c>: <c>applied</c> or <c>rejected</c>.</summary>
    public const string ReloadsCounter = "screenpopup.configuration.reloads";

    /// <summary>Counter of scripts quarantined after repeated limit hits, tagged <c>service</c>.</summary>
    public const string QuarantinesCounter = "screenpopup.quarantines";

    /// <summary>Counter of shared-state failures (the decision then used this instance's own state).</summary>
    public const string StateStoreFailuresCounter = "screenpopup.state.failures";

    /// <summary>Log event ids, stable across versions.</summary>
    public static class EventIds
    {
        /// <summary>A decision was made (Debug).</summary>
        public const int DecisionMade = 1;

        /// <summary>A script failed, or its result or URL was rejected (Warning).</summary>
        public const int ScriptFailed = 2;

        /// <summary>A script hit a sandbox limit: timeout, statements, memory or recursion (Warning).</summary>
        public const int LimitHit = 3;

        /// <summary>A configuration change was applied (Information).</summary>
        public const int ReloadApplied = 4;

        /// <summary>A configuration change was rejected; the last good configuration keeps serving (Error).</summary>
        public const int ReloadRejected = 5;

        /// <summary>A decision was suppressed as a duplicate (Debug).</summary>
        public const int DuplicateSuppressed = 6;

        /// <summary>A script was quarantined after repeated limit hits (Warning).</summary>
        public const int ScriptQuarantined = 7;

        /// <summary>The shared state store failed; decisions use this instance's own state until it works again (Warning).</summary>
        public const int StateStoreFailed = 8;

        /// <summary>The shared state store works again (Information).</summary>
        public const int StateStoreRecovered = 9;
    }
}
