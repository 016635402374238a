namespace ScreenPopup;

/// <summary>A service as the pipeline uses it: its filters parsed and its script compiled.</summary>
internal sealed record CompiledService(
    string Code,
    bool Enabled,
    ChannelSet Channels,
    IReadOnlySet<string> CallTypes,
    PopupScript Script,
    TvoxClientTarget ClientTarget);
