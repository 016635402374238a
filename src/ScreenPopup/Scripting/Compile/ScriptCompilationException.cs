using ScreenPopup.Diagnostics;

namespace ScreenPopup.Scripting;

/// <summary>Thrown by <see cref="PopupScript.Compile"/> when a script cannot be compiled; <see cref="Diagnostics"/> says where and why.</summary>
public sealed class ScriptCompilationException : ScreenPopupException
{
    /// <summary>Creates the exception for a script's error diagnostics.</summary>
    /// <param name="sourceName">The script's name, as used in messages.</param>
    /// <param name="diagnostics">The errors found, with line and column.</param>
    public ScriptCompilationException(string sourceName, IReadOnlyList<PopupDiagnostic> diagnostics)
        : base(FormatMessage(sourceName, diagnostics))
    {
        SourceName = sourceName;
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception with a message and no diagnostics.</summary>
    public ScriptCompilationException() : this("script", []) { }

    /// <summary>Creates the exception with a message and no diagnostics.</summary>
    /// <param name="message">The message.</param>
    public ScriptCompilationException(string message) : base(message) { SourceName = "script"; Diagnostics = []; }

    /// <summary>Creates the exception with a message, its cause and no diagnostics.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ScriptCompilationException(string message, Exception? innerException) : base(message, innerException) { SourceName = "script"; Diagnostics = []; }

    /// <summary>The script's name.</summary>
    public string SourceName { get; }

    /// <summary>The errors found, with line and column.</summary>
    public IReadOnlyList<PopupDiagnostic> Diagnostics { get; }

    private static string FormatMessage(string sourceName, IReadOnlyList<PopupDiagnostic> diagnostics) =>
        $"The popup script '{sourceName}' does not compile: " + string.Join("; ", diagnostics.Select(d => DiagnosticFormatter.Format(sourceName, d)));
}
