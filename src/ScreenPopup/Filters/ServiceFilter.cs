using ScreenPopup.Serialization;

namespace ScreenPopup.Filters;

/// <summary>
/// Step 1 of the pipeline: finds the request's service and decides whether it may pop at all, in this order:
/// unknown service, service disabled, channel not enabled, call type not enabled, trigger not allowed for the role.
/// </summary>
internal static class ServiceFilter
{
    /// <summary>Returns the service when the request passes every filter; otherwise <paramref name="rejection"/> says why not.</summary>
    public static CompiledService? Apply(CompiledConfiguration configuration, PopupRequest request, out PopupDecision? rejection)
    {
        var call = request.Call;
        rejection = null;
        if (!configuration.TryFindService(call.Service, out var service))
        {
            rejection = Reject(PopupReason.ServiceUnknown, $"no service '{call.Service}' is configured and no DefaultService is set");
            return null;
        }

        if (!service.Enabled)
        {
            rejection = Reject(PopupReason.ServiceDisabled, $"the service '{service.Code}' is disabled");
        }
        else if (!service.Channels.Allows(request.Channel, call.ChannelId))
        {
            var channel = request.Channel == PopupChannel.Custom ? $"custom:{call.ChannelId}" : WireNames.Of(request.Channel);
            rejection = Reject(PopupReason.ChannelDisabled, $"the service '{service.Code}' does not pop on the channel '{channel}'");
        }
        else if (service.CallTypes.Count > 0 && !service.CallTypes.Contains(call.CallType))
        {
            rejection = Reject(PopupReason.CallTypeDisabled, $"the service '{service.Code}' does not pop for the call type '{call.CallType}'");
        }
        else if (request.Role == PopupRole.Responder && request.Trigger != PopupTrigger.Demand)
        {
            rejection = Reject(PopupReason.TriggerNotAllowed, $"a responder pops only on demand, not on {WireNames.Of(request.Trigger)}");
        }

        return rejection is null ? service : null;

        PopupDecision Reject(PopupReason reason, string message) => PopupDecision.NoPopup(request.Trigger, reason, message);
    }
}
