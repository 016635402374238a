namespace ScreenPopup;

/// <summary>The popup configuration of one contact-center service.</summary>
public sealed class PopupService
{
    /// <summary>Whether the service pops at all. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The channels that may pop ("servizi associati"): <c>phone</c>, <c>video</c>, <c>webchat</c>, <c>whatsapp</c>,
    /// <c>custom</c> (every custom channel) or <c>custom:ID</c> (the custom channel whose <c>CALL_CHANNELID</c> is ID,
    /// compared case-insensitively). The default value is an empty list, which means every channel.
    /// </summary>
    public IList<string> Channels { get; set; } = [];

    /// <summary>
    /// The <c>CALL_TIPOCHIAMATA</c> values that may pop, compared case-insensitively; for example <c>["inbound"]</c>
    /// keeps consult and transfer legs quiet. The default value is an empty list, which means every call type.
    /// </summary>
    public IList<string> CallTypes { get; set; } = [];

    /// <summary>How the service produces its popup. The default value is <see cref="PopupMode.Server"/>.</summary>
    public PopupMode Mode { get; set; } = PopupMode.Server;

    /// <summary>
    /// The batch file run on the agent's PC in <see cref="PopupMode.LegacyBat"/> mode, such as <c>C:\tvox\winpopup.bat</c>.
    /// A relative path is resolved against <see cref="ScreenPopupOptions.ScriptBaseDirectory"/>.
    /// </summary>
    public string? BatchFile { get; set; }

    /// <summary>The popup script's source (<see cref="PopupMode.Server"/> mode). Set this or <see cref="ScriptFile"/>, not both.</summary>
    public string? Script { get; set; }

    /// <summary>
    /// The path of the popup script, read as UTF-8; a relative path is resolved against
    /// <see cref="ScreenPopupOptions.ScriptBaseDirectory"/>. Set this or <see cref="Script"/>, not both.
    /// </summary>
    public string? ScriptFile { get; set; }

    /// <summary>
    /// The service's popup logic in C#, instead of <see cref="Script"/> or <see cref="ScriptFile"/> (set in code; not
    /// bound from configuration). The default value is <see langword="null"/>.
    /// </summary>
    public IPopupProvider? Provider { get; set; }

    /// <summary>
    /// The top-level function the script's popup is computed by. The default value is <see langword="null"/>: the
    /// function named <c>popup</c>, else the only function the script declares.
    /// </summary>
    public string? EntryPoint { get; set; }

    /// <summary>Where the TVox desktop client opens this service's popups. The default value is <see cref="TvoxClientTarget.Browser"/>.</summary>
    public TvoxClientTarget ClientTarget { get; set; } = TvoxClientTarget.Browser;
}
