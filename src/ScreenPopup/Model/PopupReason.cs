using System.Text.Json.Serialization;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>Why a decision is <see cref="PopupAction.None"/> or <see cref="PopupAction.Error"/>.</summary>
[JsonConverter(typeof(WireEnumConverter<PopupReason>))]
public enum PopupReason
{
    /// <summary>(none) <c>CALL_SERVIZIO</c> names no configured service and no default service is set.</summary>
    [JsonStringEnumMemberName("serviceUnknown")] ServiceUnknown,

    /// <summary>(none) The service is configured with <c>Enabled: false</c>.</summary>
    [JsonStringEnumMemberName("serviceDisabled")] ServiceDisabled,

    /// <summary>(none) The interaction's channel is not among the service's <c>Channels</c>.</summary>
    [JsonStringEnumMemberName("channelDisabled")] ChannelDisabled,

    /// <summary>(none) <c>CALL_TIPOCHIAMATA</c> is not among the service's <c>CallTypes</c>.</summary>
    [JsonStringEnumMemberName("callTypeDisabled")] CallTypeDisabled,

    /// <summary>(none) The role may not pop on this trigger (a responder pops only on demand).</summary>
    [JsonStringEnumMemberName("triggerNotAllowed")] TriggerNotAllowed,

    /// <summary>(none) The script gave no URL for this trigger.</summary>
    [JsonStringEnumMemberName("noUrl")] NoUrl,

    /// <summary>(none) The same interaction, trigger and agent already opened a popup (see <see cref="DuplicateSuppressionOptions"/>).</summary>
    [JsonStringEnumMemberName("duplicate")] Duplicate,

    /// <summary>(error) The script does not parse, or its shape leaves no function to call.</summary>
    [JsonStringEnumMemberName("scriptSyntax")] ScriptSyntax,

    /// <summary>(error) The script threw an exception.</summary>
    [JsonStringEnumMemberName("scriptRuntime")] ScriptRuntime,

    /// <summary>(error) The script ran past its time limit (<see cref="SandboxOptions.Timeout"/> or <see cref="SandboxOptions.RegexTimeout"/>).</summary>
    [JsonStringEnumMemberName("scriptTimeout")] ScriptTimeout,

    /// <summary>(error) The script hit its statement, memory or recursion limit.</summary>
    [JsonStringEnumMemberName("scriptLimit")] ScriptLimit,

    /// <summary>(error) The script's result is not a popup definition (wrong type, getter, not an object).</summary>
    [JsonStringEnumMemberName("invalidResult")] InvalidResult,

    /// <summary>(error) The URL is not absolute, uses a scheme that is not allowed, holds control characters or is too long.</summary>
    [JsonStringEnumMemberName("invalidUrl")] InvalidUrl,

    /// <summary>(error) The URL holds a <c>{$NAME}</c> or <c>&lt;$NAME&gt;</c> placeholder with an unknown name.</summary>
    [JsonStringEnumMemberName("unknownPlaceholder")] UnknownPlaceholder,

    /// <summary>(error) The URL would carry an agent secret over plain http to a host that is not the local machine.</summary>
    [JsonStringEnumMemberName("insecureSecret")] InsecureSecret,

    /// <summary>(error) The legacy batch file or its interpreter cannot be run (missing, or an unsafe path).</summary>
    [JsonStringEnumMemberName("batchUnavailable")] BatchUnavailable,

    /// <summary>(error) The script kept hitting its limits and is quarantined for a while; it was not run (see <see cref="SandboxOptions.QuarantineAfter"/>).</summary>
    [JsonStringEnumMemberName("scriptQuarantined")] ScriptQuarantined,
}
