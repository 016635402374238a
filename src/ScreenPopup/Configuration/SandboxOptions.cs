namespace ScreenPopup;

/// <summary>The limits a popup script runs under. Every evaluation that breaks one becomes an error decision.</summary>
public sealed class SandboxOptions
{
    /// <summary>
    /// The wall-clock time one evaluation may run: the script body and the popup function together.
    /// The default value is 100 milliseconds. Breaking it gives <see cref="PopupReason.ScriptTimeout"/>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The number of statements the script body, and then the popup function, may each execute.
    /// The default value is 100,000. Breaking it gives <see cref="PopupReason.ScriptLimit"/>.
    /// </summary>
    public int MaxStatements { get; set; } = 100_000;

    /// <summary>
    /// The bytes the script body, and then the popup function, may each allocate, checked between statements.
    /// The default value is 16,000,000. Breaking it gives <see cref="PopupReason.ScriptLimit"/>.
    /// </summary>
    public long MemoryLimitBytes { get; set; } = 16_000_000;

    /// <summary>The depth of nested function calls. The default value is 128. Breaking it gives <see cref="PopupReason.ScriptLimit"/>.</summary>
    public int MaxRecursion { get; set; } = 128;

    /// <summary>
    /// The time one regular-expression match may take. The default value is 50 milliseconds.
    /// Breaking it gives <see cref="PopupReason.ScriptTimeout"/>, even inside the script's own <c>try</c>/<c>catch</c>.
    /// </summary>
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromMilliseconds(50);
}
