using System.Text.Json.Serialization;

namespace ScreenPopup;

/// <summary>
/// The call variables of one interaction, as TVox names them (<c>CALL_*</c>). Scripts see each one as a
/// read-only global of the same name and as a property of the object passed to the popup function.
/// </summary>
/// <remarks>
/// All values come from outside (caller ids can be spoofed, chat data is typed by customers): treat them as untrusted.
/// A missing or <see langword="null"/> value is the empty string; a missing <c>CALL_POPUPINFO</c> is an empty list.
/// </remarks>
public sealed record CallVariables
{
    /// <summary><c>CALL_SERVIZIO</c>: the code of the contact-center service; selects the configured service.</summary>
    [JsonPropertyName("CALL_SERVIZIO")] public string Service { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_CLI</c>: the caller's number (or chat identity).</summary>
    [JsonPropertyName("CALL_CLI")] public string Cli { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_DNIS</c>: the called number.</summary>
    [JsonPropertyName("CALL_DNIS")] public string Dnis { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_SKILLSET</c>: the skillset associated with the service.</summary>
    [JsonPropertyName("CALL_SKILLSET")] public string Skillset { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_TIPOCHIAMATA</c>: the call type (<c>inbound</c>, <c>outbound</c>, consult and transfer legs, …).</summary>
    [JsonPropertyName("CALL_TIPOCHIAMATA")] public string CallType { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_IDLASTCALL</c>: the id of the last call received.</summary>
    [JsonPropertyName("CALL_IDLASTCALL")] public string LastCallId { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_SITOORIGINE</c>: the TVox site where the call was received (remote site).</summary>
    [JsonPropertyName("CALL_SITOORIGINE")] public string OriginSite { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_SITODISTRIBUZIONE</c>: the TVox site that distributes the call to agents (local site).</summary>
    [JsonPropertyName("CALL_SITODISTRIBUZIONE")] public string DistributionSite { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_CHANNELID</c>: the id of the channel; names the custom channel for <see cref="PopupChannel.Custom"/>.</summary>
    [JsonPropertyName("CALL_CHANNELID")] public string ChannelId { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_CHANNELSESSIONID</c>: the id of the interaction's session in its channel.</summary>
    [JsonPropertyName("CALL_CHANNELSESSIONID")] public string ChannelSessionId { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_CHANNELDATA</c>: extra data the channel presents with the interaction.</summary>
    [JsonPropertyName("CALL_CHANNELDATA")] public string ChannelData { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_CHANNELDESCRIPTION</c>: the channel's description.</summary>
    [JsonPropertyName("CALL_CHANNELDESCRIPTION")] public string ChannelDescription { get; init => field = value ?? ""; } = "";

    /// <summary><c>CALL_POPUPINFO</c>: optional information for the popup (IVR data), an array of strings in scripts.</summary>
    [JsonPropertyName("CALL_POPUPINFO")] public IReadOnlyList<string> PopupInfo { get; init => field = value ?? []; } = [];

    /// <summary>
    /// The twelve text variables in wire order: the name scripts and the wire format use, and how to read the value.
    /// The one list the sandbox binds from and caller-data neutralisation checks.
    /// </summary>
    internal static readonly (string Name, Func<CallVariables, string> Value)[] TextVariables =
    [
        ("CALL_SERVIZIO", static call => call.Service),
        ("CALL_CLI", static call => call.Cli),
        ("CALL_DNIS", static call => call.Dnis),
        ("CALL_SKILLSET", static call => call.Skillset),
        ("CALL_TIPOCHIAMATA", static call => call.CallType),
        ("CALL_IDLASTCALL", static call => call.LastCallId),
        ("CALL_SITOORIGINE", static call => call.OriginSite),
        ("CALL_SITODISTRIBUZIONE", static call => call.DistributionSite),
        ("CALL_CHANNELID", static call => call.ChannelId),
        ("CALL_CHANNELSESSIONID", static call => call.ChannelSessionId),
        ("CALL_CHANNELDATA", static call => call.ChannelData),
        ("CALL_CHANNELDESCRIPTION", static call => call.ChannelDescription),
    ];
}
