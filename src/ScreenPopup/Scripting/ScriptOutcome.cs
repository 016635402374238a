namespace ScreenPopup;

/// <summary>The result of running a popup script: a definition, or the reason it could not be produced. Diagnostics either way. A value type: one is made per decision.</summary>
internal readonly record struct ScriptOutcome
{
    public PopupDefinition? Definition { get; private init; }

    public PopupReason? FailureReason { get; private init; }

    public string? FailureMessage { get; private init; }

    public required IReadOnlyList<PopupDiagnostic> Diagnostics { get; init; }

    public static ScriptOutcome Succeeded(PopupDefinition definition, IReadOnlyList<PopupDiagnostic> diagnostics) =>
        new() { Definition = definition, Diagnostics = diagnostics };

    /// <summary>A failure; its message also becomes an error diagnostic carrying the position, when known.</summary>
    public static ScriptOutcome Failed(PopupReason reason, string message, IReadOnlyList<PopupDiagnostic> diagnostics, int? line = null, int? column = null) =>
        new()
        {
            FailureReason = reason,
            FailureMessage = message,
            Diagnostics = [.. diagnostics, new PopupDiagnostic { Severity = DiagnosticSeverity.Error, Code = WireNames.Of(reason), Message = message, Line = line, Column = column }],
        };
}
