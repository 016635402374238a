using System.Text.Json.Serialization;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>How a service produces its popup.</summary>
[JsonConverter(typeof(WireEnumConverter<PopupMode>))]
public enum PopupMode
{
    /// <summary>The service's JavaScript returns the URLs; the decision is <see cref="PopupAction.Open"/>.</summary>
    [JsonStringEnumMemberName("server")] Server,

    /// <summary>TVox's legacy winpopup: a Windows batch file runs on the agent's PC; the decision is <see cref="PopupAction.RunBatch"/>.</summary>
    [JsonStringEnumMemberName("legacyBat")] LegacyBat,
}
