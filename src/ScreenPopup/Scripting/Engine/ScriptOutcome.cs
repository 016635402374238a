using ScreenPopup.Placeholders;
using ScreenPopup.Serialization;

namespace ScreenPopup.Scripting;

/// <summary>The result of running a popup script: a definition, or the reason it could not be produced. Diagnostics either way. A value type: one is made per decision.</summary>
internal readonly record struct ScriptOutcome
{
    public PopupDefinition? Definition { get; private init; }

    public PopupReason? FailureReason { get; private init; }

    public string? FailureMessage { get; private init; }

    public required IReadOnlyList<PopupDiagnostic> Diagnostics { get; init; }

    /// <summary>For a script's definition, the marks of the placeholders its admin wrote; null for a C# provider's, whose placeholders are all the host's.</summary>
    public PlaceholderMarks? Placeholders { get; private init; }

    /// <summary>
    /// This outcome for a script with <paramref name="placeholders"/>. A tab name or message holding a mark shows the
    /// placeholder written instead, so that no mark's nonce is ever printed.
    /// </summary>
    public ScriptOutcome WithPlaceholders(PlaceholderMarks placeholders) => this with
    {
        Placeholders = placeholders,
        Definition = Definition is { WebClientTabName: { } tab } definition && placeholders.RestoreInText(tab) is var shown && !ReferenceEquals(shown, tab)
            ? definition with { WebClientTabName = shown }
            : Definition,
        FailureMessage = FailureMessage is null ? null : placeholders.RestoreInText(FailureMessage),
        Diagnostics = Diagnostics.Count == 0 ? Diagnostics : [.. Diagnostics.Select(d => d with { Message = placeholders.RestoreInText(d.Message) })],
    };

    public static ScriptOutcome Succeeded(PopupDefinition definition, IReadOnlyList<PopupDiagnostic> diagnostics) =>
        new() { Definition = definition, Diagnostics = diagnostics };

    /// <summary>A failure; its message also becomes an error diagnostic carrying the position, when known.</summary>
    public static ScriptOutcome Failed(PopupReason reason, string message, IReadOnlyList<PopupDiagnostic> diagnostics, int? line = null, int? column = null)
    {
        message = BoundedMessage.Of(message);
        return new()
        {
            FailureReason = reason,
            FailureMessage = message,
            Diagnostics = [.. diagnostics, new PopupDiagnostic { Severity = DiagnosticSeverity.Error, Code = WireNames.Of(reason), Message = message, Line = line, Column = column }],
        };
    }
}
