using System.Text.Json.Serialization;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>Who receives the popup.</summary>
[JsonConverter(typeof(WireEnumConverter<PopupRole>))]
public enum PopupRole
{
    /// <summary>A contact-center agent: every trigger may pop.</summary>
    [JsonStringEnumMemberName("agent")] Agent,

    /// <summary>An answering user ("utente di risposta"): only <see cref="PopupTrigger.Demand"/> may pop.</summary>
    [JsonStringEnumMemberName("responder")] Responder,
}
