using System.Security.Cryptography;
using System.Text;
using Acornima.Ast;

namespace ScreenPopup;

/// <summary>
/// Compile-time half of the placeholder provenance rule (<see cref="PlaceholderMarks"/>): finds every whole placeholder
/// written verbatim in the script's string literals and template chunks, and gives the engine a copy of the source in
/// which each reads a slot instead, a global whose value is a new mark on every evaluation: <c>'…?u={$USERNAME}'</c>
/// becomes <c>('…?u=' + slot + '')</c>, <c>`…{$USERNAME}…`</c> becomes <c>`…${slot}…`</c>. Lines do not change; columns
/// after a change shift, and <see cref="MarkedSource.OriginalColumn"/> maps them back. A <c>{$</c> or <c>&lt;$</c> that does
/// not start a whole placeholder in its literal (<c>'{$' + 'USERNAME}'</c>), the other half of one (<c>'$USERNAME}'</c>), a
/// placeholder written with escape sequences, in a property name or in a tagged template is not marked, and gets a
/// <see cref="PopupDiagnosticCodes.PlaceholderNotWhole"/> warning at its position.
/// </summary>
internal static class PlaceholderMarking
{
    /// <summary>Marks the placeholders of <paramref name="source"/>, whose syntax tree is <paramref name="program"/>.</summary>
    /// <exception cref="InvalidOperationException">The script writes more than <see cref="ScriptPlaceholders.MaxPlaceholders"/> distinct placeholders.</exception>
    public static MarkedSource Mark(string source, Script program)
    {
        var placeholders = new ScriptPlaceholders();
        var replacements = new List<(int Start, int Length, string Text)>();
        var warnings = new List<PopupDiagnostic>();
        var lines = new LineTable(source);
        var unmarkable = Unmarkable(program);
        foreach (var node in program.DescendantNodesAndSelf())
        {
            var (cooked, isString) = node switch
            {
                StringLiteral literal => (literal.Value, true),
                TemplateElement chunk => (chunk.Value.Cooked, false),
                _ => (null, false),
            };
            if (cooked is null && node is not TemplateElement)
            {
                continue;
            }

            var raw = source.AsSpan(node.Start, node.End - node.Start).ToString();
            var written = PlaceholderScanner.Find(raw).Where(p => !IsEscaped(raw, p.Start)).ToList();
            var warned = warnings.Count;
            if (written.Count > 0 && unmarkable.Contains(node))
            {
                warnings.Add(NotWhole(lines, node.Start + written[0].Start, "is a property name or part of a tagged template, where a placeholder"));
                continue;
            }

            foreach (var placeholder in written)
            {
                var slot = placeholders.SlotFor(raw.Substring(placeholder.Start, placeholder.Length));
                var quote = raw[0];
                replacements.Add((node.Start + placeholder.Start, placeholder.Length, isString ? $"{quote} + {slot} + {quote}" : "${" + slot + "}"));
            }

            if (isString && written.Count > 0)
            {
                replacements.Add((node.Start, 0, "("));
                replacements.Add((node.End, 0, ")"));
            }

            foreach (var offset in HalvesOfPlaceholders(raw, written))
            {
                warnings.Add(NotWhole(lines, node.Start + offset, "does not form a whole placeholder in one string literal, so it"));
            }

            if (warnings.Count == warned && cooked is not null && PlaceholderScanner.Find(cooked).Count > written.Count)
            {
                warnings.Add(NotWhole(lines, node.Start, "holds a placeholder written with escape sequences, which"));
            }
        }

        return replacements.Count == 0
            ? new MarkedSource(source, placeholders, warnings, [])
            : Rewrite(source, placeholders, warnings, replacements, lines);
    }

    /// <summary>The literals a placeholder cannot be marked in, since a literal is required there: property names, directives, tagged templates' chunks.</summary>
    private static HashSet<Node> Unmarkable(Script program)
    {
        var unmarkable = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        foreach (var node in program.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case Property { Computed: false, Key: StringLiteral key }:
                    unmarkable.Add(key);
                    break;
                case ClassProperty { Computed: false, Key: StringLiteral key }:
                    unmarkable.Add(key);
                    break;
                case Directive { Expression: StringLiteral directive }:
                    unmarkable.Add(directive);
                    break;
                case TaggedTemplateExpression tagged:
                    unmarkable.UnionWith(tagged.Quasi.Quasis);
                    break;
            }
        }

        return unmarkable;
    }

    /// <summary>Whether the character at <paramref name="index"/> follows an odd run of backslashes (an escape such as <c>\{</c>).</summary>
    private static bool IsEscaped(string raw, int index)
    {
        var backslashes = 0;
        while (index - backslashes - 1 >= 0 && raw[index - backslashes - 1] == '\\')
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static MarkedSource Rewrite(string source, ScriptPlaceholders placeholders, List<PopupDiagnostic> warnings, List<(int Start, int Length, string Text)> replacements, LineTable lines)
    {
        // By position; an insertion at a literal's end comes before a replacement starting there (none can: literals do not touch).
        replacements.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Length.CompareTo(b.Length));
        var rewritten = new StringBuilder(source.Length + replacements.Count * 32);
        var shifts = new List<ColumnShift>(replacements.Count);
        var copied = 0;
        var line = 0;
        var lineShift = 0;
        foreach (var (start, length, text) in replacements)
        {
            rewritten.Append(source, copied, start - copied).Append(text);
            copied = start + length;
            var (changedLine, changedColumn) = lines.PositionOf(start);
            if (changedLine != line)
            {
                (line, lineShift) = (changedLine, 0);
            }

            lineShift += text.Length - length;
            shifts.Add(new ColumnShift(changedLine, changedColumn + lineShift + length, text.Length - length));
        }

        rewritten.Append(source, copied, source.Length - copied);
        return new MarkedSource(rewritten.ToString(), placeholders, warnings, shifts);
    }

    /// <summary>Offsets of a <c>{$</c> / <c>&lt;$</c> not starting a whole placeholder, and of a <c>$NAME}</c> / <c>$NAME&gt;</c> (a known name) not ending one.</summary>
    private static IEnumerable<int> HalvesOfPlaceholders(string raw, IReadOnlyList<PlaceholderScanner.Placeholder> whole)
    {
        for (var i = raw.IndexOf('$', StringComparison.Ordinal); i >= 0; i = raw.IndexOf('$', i + 1))
        {
            if (whole.Any(p => p.Start + 1 == i))
            {
                continue;
            }

            if (i > 0 && raw[i - 1] is '{' or '<')
            {
                yield return i - 1;
            }
            else if (AgentPlaceholders.KnownNames.Any(name => IsFollowedBy(raw, i + 1, name) && i + 1 + name.Length < raw.Length && raw[i + 1 + name.Length] is '}' or '>'))
            {
                yield return i;
            }
        }
    }

    private static bool IsFollowedBy(string text, int index, string name) =>
        index + name.Length <= text.Length && text.AsSpan(index, name.Length).SequenceEqual(name);

    private static PopupDiagnostic NotWhole(LineTable lines, int index, string what)
    {
        var (line, column) = lines.PositionOf(index);
        return new PopupDiagnostic
        {
            Severity = DiagnosticSeverity.Warning,
            Code = PopupDiagnosticCodes.PlaceholderNotWhole,
            Message = $"this string {what} is not bound: an agent placeholder is bound only when it is written whole, as it is, " +
                      "in one string literal such as '{$USERNAME}' (text built from pieces could have come from caller data, so it stays text)",
            Line = line,
            Column = column + 1,
        };
    }

    /// <summary>Where each line of a source starts, for turning an index into a line (1-based) and column (0-based), with JavaScript's line terminators.</summary>
    private sealed class LineTable
    {
        private readonly List<int> _starts = [0];

        public LineTable(string source)
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (c is '\n' or '\u2028' or '\u2029' || (c == '\r' && (i + 1 == source.Length || source[i + 1] != '\n')))
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public (int Line, int Column) PositionOf(int index)
        {
            var found = _starts.BinarySearch(index);
            var line = found >= 0 ? found : ~found - 1;
            return (line + 1, index - _starts[line]);
        }
    }
}

/// <summary>
/// The placeholders a script writes, in order of first appearance, and the slot (a global of the engine's copy of the
/// script) each one reads. Slot names carry a random part drawn for each compilation, so no script names one by accident
/// and no caller can guess one; their values are new marks on every evaluation (<see cref="PlaceholderMarks"/>).
/// </summary>
internal sealed class ScriptPlaceholders
{
    /// <summary>The most distinct placeholders one script may write.</summary>
    public const int MaxPlaceholders = 256;

    private readonly string _slotPrefix = "__screenpopup_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "_";
    private readonly List<string> _texts = [];
    private readonly List<string> _slots = [];

    /// <summary>The placeholders as written (<c>{$USERNAME}</c>), by index.</summary>
    public IReadOnlyList<string> Texts => _texts;

    /// <summary>The slots' global names, by index.</summary>
    public IReadOnlyList<string> Slots => _slots;

    /// <summary>The slot of <paramref name="placeholder"/>; the same one each time.</summary>
    /// <exception cref="InvalidOperationException">The script already wrote <see cref="MaxPlaceholders"/> distinct placeholders.</exception>
    public string SlotFor(string placeholder)
    {
        var index = _texts.IndexOf(placeholder);
        if (index >= 0)
        {
            return _slots[index];
        }

        if (_texts.Count == MaxPlaceholders)
        {
            throw new InvalidOperationException($"A script may write at most {MaxPlaceholders} distinct placeholders.");
        }

        _texts.Add(placeholder);
        _slots.Add(_slotPrefix + _slots.Count);
        return _slots[^1];
    }
}

/// <summary>Where the engine's copy of a line is wider than the script's: from <paramref name="Column"/> (0-based, in the engine's copy) on, by <paramref name="Delta"/>.</summary>
internal readonly record struct ColumnShift(int Line, int Column, int Delta);

/// <summary>The engine's copy of a script, with its placeholders read from slots; <see cref="Warnings"/> name the placeholders left unmarked.</summary>
internal sealed record MarkedSource(string Source, ScriptPlaceholders Placeholders, IReadOnlyList<PopupDiagnostic> Warnings, IReadOnlyList<ColumnShift> Shifts)
{
    /// <summary>The script's 0-based column for a position the engine reports in its copy.</summary>
    public int OriginalColumn(int line, int column)
    {
        var original = column;
        foreach (var shift in Shifts)
        {
            if (shift.Line == line && shift.Column <= column)
            {
                original -= shift.Delta;
            }
        }

        return original;
    }
}
