using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Acornima.Ast;

namespace ScreenPopup.Placeholders;

/// <summary>
/// Compile-time half of the placeholder provenance rule (<see cref="PlaceholderMarks"/>): finds every whole placeholder
/// written verbatim in the script's string literals and template chunks, and gives the engine a copy of the source in
/// which each such literal reads a slot instead, a global whose value is the literal's text with a new mark in place of
/// each placeholder on every evaluation: <c>'…?u={$USERNAME}'</c> becomes <c> slot </c>, <c>`…{$USERNAME}…${x}`</c> becomes
/// <c>`${slot}${x}`</c>. A whole literal is one slot, so the engine concatenates no more than the script wrote (a
/// <c>'…' + mark + '…'</c> rewrite cost two more string concatenations per literal and evaluation). Lines do not change;
/// columns after a change shift, and <see cref="MarkedSource.OriginalColumn"/> maps them back. A <c>{$</c> or <c>&lt;$</c>
/// that does not start a whole placeholder in its literal (<c>'{$' + 'USERNAME}'</c>), the other half of one
/// (<c>'$USERNAME}'</c>), a placeholder written with escape sequences, in a property name or in a tagged template is not
/// marked, and gets a <see cref="PopupDiagnosticCodes.PlaceholderNotWhole"/> warning at its position.
/// </summary>
internal static class PlaceholderMarking
{
    /// <summary>Marks the placeholders of <paramref name="source"/>, whose syntax tree is <paramref name="program"/>.</summary>
    /// <returns>Whether the placeholders could be marked: false when the script writes more than marks can tell apart (<paramref name="problem"/> says so).</returns>
    public static bool TryMark(string source, Script program, [NotNullWhen(true)] out MarkedSource? marked, [NotNullWhen(false)] out string? problem)
    {
        marked = null;
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

            if (written.Count > 0)
            {
                if (!placeholders.TrySlotFor(raw, isString, written, out var slot, out problem))
                {
                    return false;
                }

                // An identifier in place of a string literal, spaced so that it never runs into a neighbouring word ('a'in o).
                replacements.Add((node.Start, node.End - node.Start, isString ? $" {slot} " : "${" + slot + "}"));
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

        problem = null;
        marked = replacements.Count == 0
            ? new MarkedSource(source, placeholders, warnings, [])
            : Rewrite(source, placeholders, warnings, replacements, lines);
        return true;
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
        replacements.Sort((a, b) => a.Start.CompareTo(b.Start)); // literals do not overlap
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
/// The placeholders a script writes, in order of first appearance, and the literals they are written in, each read from
/// a slot (a global of the engine's copy of the script). Slot names carry a random part drawn for each compilation, so
/// no script names one by accident and no caller can guess one; their values are the literals' texts with new marks on
/// every evaluation (<see cref="PlaceholderMarks"/>).
/// </summary>
internal sealed class ScriptPlaceholders
{
    /// <summary>The most distinct placeholders one script may write: a mark names its placeholder with one character.</summary>
    public const int MaxPlaceholders = 256;

    /// <summary>The most distinct literals holding placeholders one script may have: each one's text is made on every evaluation.</summary>
    public const int MaxLiterals = 256;

    private readonly string _slotPrefix = "__screenpopup_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "_";
    private readonly List<WrittenPlaceholder> _placeholders = [];
    private readonly List<MarkedLiteral> _literals = [];
    private readonly Dictionary<string, MarkedLiteral> _literalsByText = new(StringComparer.Ordinal);

    /// <summary>The placeholders as written (<c>{$USERNAME}</c>), by index: a mark's index character names one of these.</summary>
    public IReadOnlyList<WrittenPlaceholder> Placeholders => _placeholders;

    /// <summary>The literals holding placeholders, each with its slot.</summary>
    public IReadOnlyList<MarkedLiteral> Literals => _literals;

    /// <summary>The slot of the literal written <paramref name="raw"/> (a string literal with its quotes, or a template chunk) holding the placeholders <paramref name="written"/>; the same one for the same literal.</summary>
    /// <returns>Whether there is a slot: false when the script already wrote as many placeholders or literals as marks allow (<paramref name="problem"/> says so).</returns>
    public bool TrySlotFor(string raw, bool isString, IReadOnlyList<PlaceholderScanner.Placeholder> written, [NotNullWhen(true)] out string? slot, [NotNullWhen(false)] out string? problem)
    {
        slot = null;
        problem = null;
        var key = isString ? raw : "`" + raw + "`";
        if (_literalsByText.TryGetValue(key, out var known))
        {
            slot = known.Slot;
            return true;
        }

        if (_literals.Count == MaxLiterals)
        {
            problem = $"the script writes agent placeholders in more than {MaxLiterals} different string literals; build the URLs from fewer literals";
            return false;
        }

        var quote = isString ? raw[0] : '`';
        var body = isString ? raw[1..^1] : raw;
        var bodyStart = isString ? 1 : 0;
        var parts = new string[written.Count + 1];
        var indexes = new int[written.Count];
        var copied = 0;
        for (var i = 0; i < written.Count; i++)
        {
            var start = written[i].Start - bodyStart;
            parts[i] = Cook(body[copied..start], quote);
            copied = start + written[i].Length;
            if (IndexOf(body.Substring(start, written[i].Length), written[i].Name) is not { } index)
            {
                problem = $"the script writes more than {MaxPlaceholders} distinct agent placeholders";
                return false;
            }

            indexes[i] = index;
        }

        parts[^1] = Cook(body[copied..], quote);
        var shown = string.Concat(parts.SelectMany((part, i) => i < indexes.Length ? [part, _placeholders[indexes[i]].Text] : new[] { part }));
        var literal = new MarkedLiteral(_slotPrefix + _literals.Count, parts, indexes, isString ? $"'{shown}'" : $"`{shown}`");
        _literals.Add(literal);
        _literalsByText.Add(key, literal);
        slot = literal.Slot;
        return true;
    }

    private int? IndexOf(string text, string name)
    {
        var index = _placeholders.FindIndex(p => p.Text == text);
        if (index >= 0)
        {
            return index;
        }

        if (_placeholders.Count == MaxPlaceholders)
        {
            return null;
        }

        _placeholders.Add(new WrittenPlaceholder(text, name));
        return _placeholders.Count - 1;
    }

    /// <summary>A message with the slots' names (an engine message can name one: "… is not a function") shown as the literals the script wrote.</summary>
    public string ShowSlots(string message)
    {
        if (!message.Contains(_slotPrefix, StringComparison.Ordinal))
        {
            return message;
        }

        for (var i = _literals.Count - 1; i >= 0; i--) // _12 before _1
        {
            message = message.Replace(_literals[i].Slot, _literals[i].Shown, StringComparison.Ordinal);
        }

        return message;
    }

    /// <summary>The value of a piece of a literal's source between placeholders: its escape sequences (and a template's line ends) resolved, as the engine would.</summary>
    private static string Cook(string raw, char quote)
    {
        if (raw.AsSpan().IndexOfAny('\\', '\r') < 0)
        {
            return raw;
        }

        // The piece parses on its own: a placeholder neither ends nor starts an escape sequence (an escaped one is not marked).
        return new Acornima.Parser().ParseExpression(quote + raw + quote) switch
        {
            StringLiteral literal => literal.Value,
            TemplateLiteral template => template.Quasis[0].Value.Cooked!,
            var other => throw new InvalidOperationException($"A piece of a literal parsed as {other.Type}."),
        };
    }
}

/// <summary>A placeholder as the admin wrote it (<c>{$USERNAME}</c>), and its name.</summary>
internal sealed record WrittenPlaceholder(string Text, string Name);

/// <summary>
/// A string literal or template chunk holding placeholders: read from <see cref="Slot"/> in the engine's copy of the script,
/// whose value is <see cref="Parts"/> with the mark of placeholder <c>Placeholders[i]</c> between <c>Parts[i]</c> and <c>Parts[i + 1]</c>.
/// </summary>
internal sealed class MarkedLiteral(string slot, string[] parts, int[] placeholders, string shown)
{
    /// <summary>The literal as a person reads it in a message: its value with the placeholders as written, quoted.</summary>
    public string Shown { get; } = shown;

    /// <summary>The global the engine's copy of the script reads in place of the literal.</summary>
    public string Slot { get; } = slot;

    /// <summary>The literal's text around its placeholders, escapes resolved: one more than <see cref="Placeholders"/>.</summary>
    public string[] Parts { get; } = parts;

    /// <summary>The index (in <see cref="ScriptPlaceholders.Placeholders"/>) of each placeholder written in the literal, in order.</summary>
    public int[] Placeholders { get; } = placeholders;

    /// <summary>The length of the literal's value with marks in it.</summary>
    public int MarkedLength { get; } = parts.Sum(p => p.Length) + placeholders.Length * PlaceholderMarks.MarkLength;
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
