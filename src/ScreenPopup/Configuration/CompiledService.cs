using ScreenPopup.Filters;
using ScreenPopup.Scripting;

namespace ScreenPopup;

/// <summary>A service as the pipeline uses it: its filters parsed, and its script compiled (<c>server</c>) or its batch file resolved (<c>legacyBat</c>).</summary>
internal sealed record CompiledService(
    string Code,
    bool Enabled,
    ChannelSet Channels,
    HashSet<string> CallTypes,
    PopupMode Mode,
    PopupScript? Script,
    IPopupProvider? Provider,
    string? BatchFile,
    TvoxClientTarget ClientTarget)
{
    /// <summary>The desktop client's presentation, the same for every popup of the service (records are immutable, so one is shared).</summary>
    public TvoxClientPresentation TvoxClient { get; } = new() { Target = ClientTarget };
}
