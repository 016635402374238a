using Microsoft.Extensions.Logging;

namespace ScreenPopup.Diagnostics;

/// <summary>The log events of ScreenPopup (ids in <see cref="ScreenPopupTelemetry.EventIds"/>). No event carries a secret or a full caller number.</summary>
internal static partial class PopupLog
{
    [LoggerMessage(EventId = ScreenPopupTelemetry.EventIds.DecisionMade, Level = LogLevel.Debug,
        Message = "Popup {Action} {Reason} for {Trigger} on {Channel}, service {Service}, caller {Caller}, in {ElapsedMilliseconds:0.###} ms")]
    public static partial void DecisionMade(this ILogger logger, string action, string reason, string trigger, string channel, string service, string caller, double elapsedMilliseconds);

    [LoggerMessage(EventId = ScreenPopupTelemetry.EventIds.ScriptFailed, Level = LogLevel.Warning,
        Message = "Popup error {Reason} for {Trigger}, service {Service}, caller {Caller}: {Message}")]
    public static partial void ScriptFailed(this ILogger logger, string reason, string trigger, string service, string caller, string message);

    [LoggerMessage(EventId = ScreenPopupTelemetry.EventIds.LimitHit, Level = LogLevel.Warning,
        Message = "Popup script hit a sandbox limit ({Reason}) for {Trigger}, service {Service}, caller {Caller}: {Message}")]
    public static partial void LimitHit(this ILogger logger, string reason, string trigger, string service, string caller, string message);

    [LoggerMessage(EventId = ScreenPopupTelemetry.EventIds.ReloadApplied, Level = LogLevel.Information,
        Message = "ScreenPopup configuration applied ({Cause}): {ServiceCount} services")]
    public static partial void ReloadApplied(this ILogger logger, string cause, int serviceCount);

    [LoggerMessage(EventId = ScreenPopupTelemetry.EventIds.ReloadRejected, Level = LogLevel.Error,
        Message = "ScreenPopup configuration change rejected ({Cause}); the last good configuration keeps serving. {Problems}")]
    public static partial void ReloadRejected(this ILogger logger, string cause, string problems);

    [LoggerMessage(EventId = ScreenPopupTelemetry.EventIds.DuplicateSuppressed, Level = LogLevel.Debug,
        Message = "Popup for {Trigger}, service {Service}, caller {Caller} suppressed as a duplicate")]
    public static partial void DuplicateSuppressed(this ILogger logger, string trigger, string service, string caller);

    [LoggerMessage(EventId = ScreenPopupTelemetry.EventIds.ScriptQuarantined, Level = LogLevel.Warning,
        Message = "The popup script of service {Service} hit its limits {Count} times in a row and is quarantined for {Seconds} s")]
    public static partial void ScriptQuarantined(this ILogger logger, string service, int count, double seconds);

    [LoggerMessage(EventId = ScreenPopupTelemetry.EventIds.StateStoreFailed, Level = LogLevel.Warning,
        Message = "The shared popup state ({Store}) failed; duplicates are suppressed within this instance only, and the store is retried after {Seconds} s. {Error}")]
    public static partial void StateStoreFailed(this ILogger logger, string store, double seconds, string error);

    [LoggerMessage(EventId = ScreenPopupTelemetry.EventIds.StateStoreRecovered, Level = LogLevel.Information,
        Message = "The shared popup state ({Store}) works again; the {Remembered} popups this instance remembers are written back to it")]
    public static partial void StateStoreRecovered(this ILogger logger, string store, int remembered);
}
