using System.Text;
using Acornima.Ast;

namespace ScreenPopup;

/// <summary>
/// Compile-time half of the placeholder provenance rule (<see cref="PlaceholderMarks"/>): finds every whole placeholder
/// written verbatim in the script's string literals and template chunks, and gives the engine a copy of the source in
/// which each is replaced by its mark. Lines do not change; columns after a mark shift, and <see cref="MarkedSource.OriginalColumn"/>
/// maps them back. A <c>{$</c> or <c>&lt;$</c> that does not start a whole placeholder in its literal (<c>'{$' + 'USERNAME}'</c>),
/// the other half of one (<c>'$USERNAME}'</c>), or a placeholder written with escape sequences is not marked, and gets a
/// <see cref="PopupDiagnosticCodes.PlaceholderNotWhole"/> warning at its position.
/// </summary>
internal static class PlaceholderMarking
{
    /// <summary>Marks the placeholders of <paramref name="source"/>, whose syntax tree is <paramref name="program"/>.</summary>
    /// <exception cref="InvalidOperationException">The script writes more than <see cref="PlaceholderMarks.MaxPlaceholders"/> distinct placeholders.</exception>
    public static MarkedSource Mark(string source, Script program)
    {
        var marks = PlaceholderMarks.Create();
        var replacements = new List<(int Start, int Length, string Mark)>();
        var warnings = new List<PopupDiagnostic>();
        var lines = new LineTable(source);
        foreach (var node in program.DescendantNodesAndSelf())
        {
            var cooked = node switch
            {
                StringLiteral literal => literal.Value,
                TemplateElement chunk => chunk.Value.Cooked,
                _ => null,
            };
            if (cooked is null && node is not TemplateElement)
            {
                continue;
            }

            var raw = source.AsSpan(node.Start, node.End - node.Start).ToString();
            var written = PlaceholderScanner.Find(raw);
            foreach (var placeholder in written)
            {
                replacements.Add((node.Start + placeholder.Start, placeholder.Length, marks.MarkFor(raw.Substring(placeholder.Start, placeholder.Length))));
            }

            var warned = warnings.Count;
            foreach (var offset in HalvesOfPlaceholders(raw, written))
            {
                warnings.Add(NotWhole(lines, node.Start + offset, "does not form a whole placeholder in one string literal"));
            }

            if (warnings.Count == warned && cooked is not null && PlaceholderScanner.Find(cooked).Count > written.Count)
            {
                warnings.Add(NotWhole(lines, node.Start, "holds a placeholder written with escape sequences"));
            }
        }

        return replacements.Count == 0
            ? new MarkedSource(source, marks, warnings, [])
            : Rewrite(source, marks, warnings, replacements, lines);
    }

    private static MarkedSource Rewrite(string source, PlaceholderMarks marks, List<PopupDiagnostic> warnings, List<(int Start, int Length, string Mark)> replacements, LineTable lines)
    {
        replacements.Sort((a, b) => a.Start.CompareTo(b.Start));
        var rewritten = new StringBuilder(source.Length + replacements.Count * PlaceholderMarks.MarkLength);
        var shifts = new List<ColumnShift>(replacements.Count);
        var copied = 0;
        var line = 0;
        var lineShift = 0;
        foreach (var (start, length, mark) in replacements)
        {
            rewritten.Append(source, copied, start - copied).Append(mark);
            copied = start + length;
            var (markLine, markColumn) = lines.PositionOf(start);
            if (markLine != line)
            {
                (line, lineShift) = (markLine, 0);
            }

            lineShift += mark.Length - length;
            shifts.Add(new ColumnShift(markLine, markColumn + lineShift + length, mark.Length - length));
        }

        rewritten.Append(source, copied, source.Length - copied);
        return new MarkedSource(rewritten.ToString(), marks, warnings, shifts);
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
            Message = $"this string {what}, so it is not bound: an agent placeholder is bound only when it is written whole, as it is, " +
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

/// <summary>Where the engine's copy of a line is wider than the script's: from <paramref name="Column"/> (0-based, in the engine's copy) on, by <paramref name="Delta"/>.</summary>
internal readonly record struct ColumnShift(int Line, int Column, int Delta);

/// <summary>The engine's copy of a script, with its placeholders marked; <see cref="Warnings"/> name the placeholders left unmarked.</summary>
internal sealed record MarkedSource(string Source, PlaceholderMarks Marks, IReadOnlyList<PopupDiagnostic> Warnings, IReadOnlyList<ColumnShift> Shifts)
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
