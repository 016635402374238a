namespace ScreenPopup.Diagnostics;

/// <summary>The names under which ScreenPopup reports traces, metrics and logs, for dashboards and alerts.</summary>
public static class ScreenPopupTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> and of the log category: <c>ScreenPopup</c>.</summary>
    public const string MeterName = "ScreenPopup";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: <c>ScreenPopup</c> (OpenTelemetry: <c>AddSource("ScreenPopup")</c>).</summary>
    public const string ActivitySourceName = "ScreenPopup";

    /// <summary>
    /// The activity of one evaluation: tagged <see cref="Tags.Service"/> (the configured service that answered, left out
    /// when none does), <see cref="Tags.Trigger"/>, <see cref="Tags.Channel"/>, <see cref="Tags.Action"/> and
    /// <see cref="Tags.Reason"/> (left out when there is none); status Error for an error decision. Never caller data or secrets.
    /// </summary>
    public const string EvaluationActivity = "screenpopup.evaluate";

    /// <summary>Counter of decisions, tagged <see cref="Tags.Action"/>, <see cref="Tags.Reason"/> (left out for a decision without one), <see cref="Tags.Trigger"/> and <see cref="Tags.Channel"/>.</summary>
    public const string DecisionsCounter = "screenpopup.decisions";

    /// <summary>Histogram of the time one <see cref="IPopupEvaluator.Evaluate"/> takes, in seconds, tagged <see cref="Tags.Action"/>; its bucket advice is <see cref="EvaluationDurationBuckets"/>.</summary>
    public const string EvaluationDurationHistogram = "screenpopup.evaluation.duration";

    /// <summary>Counter of configuration changes, tagged <see cref="Tags.Outcome"/>: <c>applied</c> or <c>rejected</c>.</summary>
    public const string ReloadsCounter = "screenpopup.configuration.reloads";

    /// <summary>Counter of scripts quarantined after repeated limit hits, tagged <see cref="Tags.Service"/>.</summary>
    public const string QuarantinesCounter = "screenpopup.quarantines";

    /// <summary>
    /// The histogram's bucket boundaries, in seconds: from 5 µs to 1 s, about three a decade, since a decision takes from
    /// a few microseconds (a warm script) to tens of milliseconds (a first compile, a slow script). OpenTelemetry's
    /// default boundaries start at 5 ms, which put every decision in the first bucket.
    /// </summary>
    public static IReadOnlyList<double> EvaluationDurationBuckets { get; } =
        [0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    /// <summary>The names of the tags (attributes) of the activity and the instruments, in the <c>screenpopup.</c> namespace.</summary>
    public static class Tags
    {
        /// <summary>The configured service code that answered.</summary>
        public const string Service = "screenpopup.service";

        /// <summary>The trigger's wire name: <c>ring</c>, <c>answer</c>, <c>hangup</c> or <c>demand</c>.</summary>
        public const string Trigger = "screenpopup.trigger";

        /// <summary>The channel's wire name: <c>phone</c>, <c>video</c>, <c>webchat</c>, <c>whatsapp</c> or <c>custom</c>.</summary>
        public const string Channel = "screenpopup.channel";

        /// <summary>The decision's action: <c>open</c>, <c>none</c>, <c>error</c> or <c>runBatch</c>.</summary>
        public const string Action = "screenpopup.action";

        /// <summary>The decision's reason, such as <c>duplicate</c> or <c>scriptTimeout</c>.</summary>
        public const string Reason = "screenpopup.reason";

        /// <summary>A configuration change's outcome: <c>applied</c> or <c>rejected</c>.</summary>
        public const string Outcome = "screenpopup.outcome";

        /// <summary>
        /// The name of a named evaluator (<c>AddScreenPopup("TenantA", …)</c>), on every measurement, activity and log scope of
        /// that evaluator; left out for the default evaluator and for one made with <c>PopupEvaluator.Create</c>.
        /// </summary>
        public const string Evaluator = "screenpopup.evaluator";
    }

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
