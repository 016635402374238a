namespace ScreenPopup.Diagnostics;

/// <summary>Formats diagnostics the way compilers do, so editors and CI logs can link to the position.</summary>
public static class DiagnosticFormatter
{
    /// <summary>Formats a diagnostic as <c>file(line,col): severity code: message</c> (the position is left out when unknown).</summary>
    /// <param name="sourceName">The script's file or name.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <returns>The formatted line.</returns>
    public static string Format(string sourceName, PopupDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var position = diagnostic.Line is { } line ? $"({line},{diagnostic.Column ?? 1})" : "";
        var severity = diagnostic.Severity.ToString().ToLowerInvariant();
        return $"{sourceName}{position}: {severity} {diagnostic.Code}: {diagnostic.Message}";
    }
}
