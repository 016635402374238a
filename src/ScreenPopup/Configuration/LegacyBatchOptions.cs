using ScreenPopup.Legacy;

namespace ScreenPopup;

/// <summary>How call data is handed to legacy batch files (<see cref="PopupMode.LegacyBat"/>).</summary>
public sealed class LegacyBatchOptions
{
    /// <summary>
    /// What is done to each variable's value before the batch sees it. The default value is
    /// <see cref="LegacyValuePolicy.PercentEncode"/>, which makes TVox's documented example script safe.
    /// </summary>
    public LegacyValuePolicy ValuePolicy { get; set; } = LegacyValuePolicy.PercentEncode;

    /// <summary>
    /// The longest value a variable may carry, in characters; a longer one is cut, with a diagnostic (cmd.exe refuses
    /// lines longer than 8,191 characters after expansion). The default value is 1,024.
    /// </summary>
    public int MaxValueLength { get; set; } = 1024;
}
