using System.Diagnostics;
using ScreenPopup.Serialization;

namespace ScreenPopup.Diagnostics;

/// <summary>The <c>ScreenPopup</c> activity source: one activity per evaluation, tagged with what the decision was, never with caller data or secrets.</summary>
internal static class PopupTracing
{
    /// <summary>The source; <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns <see langword="null"/> (and costs nothing more) when nobody listens.</summary>
    public static ActivitySource Source { get; } = new(ScreenPopupTelemetry.ActivitySourceName, typeof(PopupTracing).Assembly.GetName().Version?.ToString());

    /// <summary>Tags the finished evaluation's activity.</summary>
    /// <param name="activity">The activity.</param>
    /// <param name="request">The request (only its trigger and channel are read).</param>
    /// <param name="decision">The decision.</param>
    /// <param name="service">The configured service code that answered, or <see langword="null"/>: a code the request names but the configuration does not have is the CTI's text, not ours to record.</param>
    /// <param name="evaluatorName">A named evaluator's name; <see langword="null"/> for the default evaluator.</param>
    public static void Describe(Activity activity, PopupRequest request, PopupDecision decision, string? service, string? evaluatorName)
    {
        if (evaluatorName is not null)
        {
            activity.SetTag(ScreenPopupTelemetry.Tags.Evaluator, evaluatorName);
        }

        if (service is not null)
        {
            activity.SetTag(ScreenPopupTelemetry.Tags.Service, service);
        }

        activity.SetTag(ScreenPopupTelemetry.Tags.Trigger, WireNames.Of(request.Trigger));
        activity.SetTag(ScreenPopupTelemetry.Tags.Channel, WireNames.Of(request.Channel));
        activity.SetTag(ScreenPopupTelemetry.Tags.Action, WireNames.Of(decision.Action));
        if (decision.Reason is { } reason)
        {
            activity.SetTag(ScreenPopupTelemetry.Tags.Reason, WireNames.Of(reason));
        }

        if (decision.Action == PopupAction.Error)
        {
            activity.SetStatus(ActivityStatusCode.Error, decision.Reason is { } failure ? WireNames.Of(failure) : null);
        }
    }
}
