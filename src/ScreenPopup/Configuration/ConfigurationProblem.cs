using ScreenPopup.Diagnostics;

namespace ScreenPopup;

/// <summary>One problem found in a configuration: where (its configuration path, and for scripts the file and position) and what.</summary>
public sealed record ConfigurationProblem
{
    /// <summary>The configuration path, such as <c>ScreenPopup:Services:SUPPORT:Channels:1</c>.</summary>
    public required string Path { get; init; }

    /// <summary>What is wrong and how to fix it.</summary>
    public required string Message { get; init; }

    /// <summary>For a script that does not compile: the script's file (or <c>Script</c> for an inline script).</summary>
    public string? SourceName { get; init; }

    /// <summary>For a script that does not compile: the diagnostic, with line and column when known.</summary>
    public PopupDiagnostic? Diagnostic { get; init; }

    /// <summary>Formats the problem as <c>path: message</c>, or <c>path: file(line,col): error code: message</c> for a script.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString() =>
        Diagnostic is not null && SourceName is not null ? $"{Path}: {DiagnosticFormatter.Format(SourceName, Diagnostic)}" : $"{Path}: {Message}";
}
