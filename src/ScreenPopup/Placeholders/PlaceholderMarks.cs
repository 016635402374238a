using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ScreenPopup.Placeholders;

/// <summary>
/// The provenance rule for agent placeholders in scripts: a placeholder is bound only when the admin wrote it. At compile
/// time every whole <c>{$NAME}</c> / <c>&lt;$NAME&gt;</c> written in one of the script's string literals or template chunks
/// is made to read a slot (see <see cref="PlaceholderMarking"/>); for each evaluation the slots hold the literals' text with
/// new marks, drawn here, where the placeholders were; after the run, <see cref="TryBind"/> binds the agent's values where
/// this evaluation's marks are, and turns every other <c>{$</c> / <c>&lt;$</c>, wherever it came from, into literal text.
/// </summary>
/// <remarks>
/// A mark is <c>U+E000</c>, a nonce of <see cref="NonceLength"/> characters in <c>U+E100–U+E1FF</c> drawn from a
/// cryptographic generator for each evaluation and placeholder (96 bits, <see cref="NonceSource"/>), a character
/// <c>U+E200 + i</c> naming the script's i-th placeholder, and <c>U+E001</c>. Call data cannot produce one: the nonce is drawn after the call data is fixed, a mark
/// from an earlier evaluation (one a script printed, say) is never accepted again, and call data's own characters in the
/// reserved range <c>U+E000–U+E3FF</c> become <c>U+FFFD</c> before a script sees them (<see cref="NeutralizeCallerText"/>).
/// Whatever a script does to caller data (<c>JSON.parse</c>, <c>decodeURIComponent</c>, <c>join</c>, <c>normalize</c>, …),
/// the <c>{$</c> it produces is unmarked and ends up as <c>%7B%24</c>.
/// </remarks>
internal readonly struct PlaceholderMarks
{
    /// <summary>The number of nonce characters in a mark: 8 bits each.</summary>
    public const int NonceLength = 12;

    /// <summary>The length of a mark: start, nonce, index, end.</summary>
    public const int MarkLength = NonceLength + 3;

    private const char MarkStart = '\uE000';
    private const char MarkEnd = '\uE001';
    private const char NonceBase = '\uE100';
    private const char IndexBase = '\uE200';
    private const char ReservedFirst = '\uE000';
    private const char ReservedLast = '\uE3FF';

    private const string CutPlaceholderProblem =
        "the URL holds part of a placeholder the script wrote, cut or transformed by the script (sliced, split into characters, escaped): " +
        "write each placeholder such as {$USERNAME} whole in a string literal and put that literal into the URL as it is";

    /// <summary>What a script's output may hold that needs a look: a <c>$</c> (a placeholder), a <c>%</c> (an encoded mark) or a reserved character.</summary>
    private static readonly SearchValues<char> NeedsALook = SearchValues.Create("$%" + ReservedRange());

    private static readonly SearchValues<char> Reserved = SearchValues.Create(ReservedRange());

    /// <summary>The marks found in a URL, reused by each thread: binding allocates no list.</summary>
    [ThreadStatic]
    private static PlaceholderScanner.Placeholder[]? t_found;

    private readonly IReadOnlyList<WrittenPlaceholder>? _written;

    // Each placeholder has a nonce of its own, so that no edit of a mark's index character (caller data decoded into
    // U+E2xx by JSON.parse, say, and put there by replaceAll) turns one placeholder's mark into another's. The first
    // placeholder's 12 bytes sit in two fields of this value type: a script with one placeholder allocates nothing here.
    private readonly ulong _nonceLow;
    private readonly uint _nonceHigh;
    private readonly byte[]? _moreNonces;

    private PlaceholderMarks(IReadOnlyList<WrittenPlaceholder> placeholders, ulong nonceLow, uint nonceHigh, byte[]? moreNonces)
    {
        _written = placeholders;
        _nonceLow = nonceLow;
        _nonceHigh = nonceHigh;
        _moreNonces = moreNonces;
    }

    /// <summary>The marks of a script that writes no placeholder: nothing is marked, nothing binds.</summary>
    public static PlaceholderMarks None => default;

    private IReadOnlyList<WrittenPlaceholder> Written => _written ?? [];

    /// <summary>New marks for one evaluation of a script that writes <paramref name="placeholders"/>, with a nonce from <paramref name="random"/>.</summary>
    public static PlaceholderMarks Draw(ScriptPlaceholders placeholders, NonceSource random)
    {
        if (placeholders.Literals.Count == 0)
        {
            return None;
        }

        Span<byte> nonce = stackalloc byte[NonceLength];
        random.Fill(nonce);
        var more = placeholders.Placeholders.Count > 1 ? new byte[NonceLength * (placeholders.Placeholders.Count - 1)] : null;
        if (more is not null)
        {
            random.Fill(more);
        }

        return new PlaceholderMarks(placeholders.Placeholders, BinaryPrimitives.ReadUInt64LittleEndian(nonce), BinaryPrimitives.ReadUInt32LittleEndian(nonce[8..]), more);
    }

    /// <summary>The value of <paramref name="literal"/> in this evaluation: its text, with this evaluation's mark where each placeholder was written.</summary>
    public string ValueOf(MarkedLiteral literal) => string.Create(literal.MarkedLength, (Marks: this, Literal: literal), static (target, state) =>
    {
        var parts = state.Literal.Parts;
        var at = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                state.Marks.WriteMark(target.Slice(at, MarkLength), state.Literal.Placeholders[i - 1]);
                at += MarkLength;
            }

            parts[i].CopyTo(target[at..]);
            at += parts[i].Length;
        }
    });

    /// <summary>
    /// Binds the agent's values into a URL the script returned (<see cref="AgentPlaceholders.Bind"/>'s rules), where only the
    /// admin's placeholders are placeholders: this evaluation's marks. A mark the script percent-encoded becomes that
    /// placeholder's encoded text (as before marks existed), and every other <c>{$</c> / <c>&lt;$</c> becomes <c>%7B%24</c> /
    /// <c>%3C%24</c>. One pass from marks to values: the URL is not first rewritten with the placeholders' text.
    /// </summary>
    /// <returns>False when the URL holds part of a mark (the script cut or transformed a placeholder it wrote); <paramref name="problem"/> says so.</returns>
    public bool TryBind(string url, AgentVariables agent, bool allowSecretsOverHttp, [NotNullWhen(true)] out PlaceholderBinding? binding, [NotNullWhen(false)] out string? problem)
    {
        binding = null;
        problem = null;
        if (url.AsSpan().IndexOfAny(NeedsALook) < 0)
        {
            binding = new PlaceholderBinding { Url = url }; // the common case of a URL without placeholders
            return true;
        }

        var text = OnlyMarksArePlaceholders(url);
        if (!TryFindMarks(text, out var marks))
        {
            problem = CutPlaceholderProblem;
            return false;
        }

        binding = marks.IsEmpty ? new PlaceholderBinding { Url = text } : AgentPlaceholders.BindFound(text, marks, agent, allowSecretsOverHttp);
        if (!binding.Succeeded)
        {
            binding = binding with { Url = RestoreInText(text) };
        }

        return true;
    }

    /// <summary>The URL with every <c>{$</c> / <c>&lt;$</c> encoded as text, and the encoded marks as the encoded text of their placeholders.</summary>
    private string OnlyMarksArePlaceholders(string url)
    {
        var text = url;
        if (text.Contains("%EE%80%80", StringComparison.OrdinalIgnoreCase))
        {
            Span<char> mark = stackalloc char[MarkLength];
            for (var i = 0; i < Written.Count; i++)
            {
                WriteMark(mark, i);
                text = text.Replace(PercentEncode(mark), Uri.EscapeDataString(Written[i].Text), StringComparison.OrdinalIgnoreCase);
            }
        }

        if (text.Contains('$', StringComparison.Ordinal))
        {
            text = text.Replace("{$", "%7B%24", StringComparison.Ordinal).Replace("<$", "%3C%24", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>This evaluation's marks in <paramref name="text"/>, as placeholders to bind; false when it holds anything else of a mark (raw or escaped).</summary>
    private bool TryFindMarks(string text, out ReadOnlySpan<PlaceholderScanner.Placeholder> marks)
    {
        var found = t_found ??= new PlaceholderScanner.Placeholder[4];
        var count = 0;
        marks = [];
        var next = text.AsSpan().IndexOfAny(Reserved);
        while (next >= 0)
        {
            var index = IndexOfMarkAt(text, next);
            if (index < 0)
            {
                return false;
            }

            if (count == found.Length)
            {
                Array.Resize(ref found, found.Length * 2);
                t_found = found;
            }

            var placeholder = Written[index];
            found[count++] = new(next, MarkLength, placeholder.Name, placeholder.Text);
            var after = text.AsSpan(next + MarkLength).IndexOfAny(Reserved);
            next = after < 0 ? -1 : next + MarkLength + after;
        }

        if (HoldsAnEscapedReservedCharacter(text))
        {
            return false;
        }

        marks = found.AsSpan(0, count);
        return true;
    }

    /// <summary>Text for a person (a message, a tab name): marks become the placeholders written, and fragments of marks are dropped.</summary>
    public string RestoreInText(string text)
    {
        if (text.AsSpan().IndexOfAny(Reserved) < 0)
        {
            return text;
        }

        var restored = ReplaceMarks(text);
        if (restored.AsSpan().IndexOfAny(Reserved) < 0)
        {
            return restored;
        }

        var kept = StringBuilderCache.Acquire(restored.Length);
        foreach (var c in restored)
        {
            if (c is < ReservedFirst or > ReservedLast)
            {
                kept.Append(c);
            }
        }

        return StringBuilderCache.GetStringAndRelease(kept);
    }

    /// <summary>Whether text holds the start of a mark (a placeholder the script wrote, in this or any evaluation).</summary>
    public static bool HoldsAMark(string text) => text.Contains(MarkStart, StringComparison.Ordinal);

    /// <summary>Text with every mark broken (its start made <c>U+FFFD</c>): what is left is a fragment of a mark, which never binds and makes a URL holding it invalid.</summary>
    public static string BreakMarks(string text) => HoldsAMark(text) ? text.Replace(MarkStart, '\uFFFD') : text;

    /// <summary><see cref="BreakMarks(string)"/> for the characters of <paramref name="text"/> from <paramref name="start"/> on.</summary>
    public static void BreakMarks(System.Text.StringBuilder text, int start) => text.Replace(MarkStart, '\uFFFD', start, text.Length - start);

    /// <summary>Caller text as a script sees it: the reserved characters <c>U+E000–U+E3FF</c> become <c>U+FFFD</c>, so no caller can write a mark.</summary>
    public static string NeutralizeCallerText(string value)
    {
        var first = value.AsSpan().IndexOfAny(Reserved);
        if (first < 0)
        {
            return value;
        }

        return string.Create(value.Length, (value, first), static (target, state) =>
        {
            state.value.AsSpan().CopyTo(target);
            for (var i = state.first; i < target.Length; i++)
            {
                if (target[i] is >= ReservedFirst and <= ReservedLast)
                {
                    target[i] = '\uFFFD';
                }
            }
        });
    }

    private string ReplaceMarks(string text)
    {
        var start = text.IndexOf(MarkStart, StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        var result = StringBuilderCache.Acquire(text.Length);
        var copied = 0;
        while (start >= 0)
        {
            var index = IndexOfMarkAt(text, start);
            if (index >= 0)
            {
                result.Append(text, copied, start - copied).Append(Written[index].Text);
                copied = start + MarkLength;
            }

            start = text.IndexOf(MarkStart, index >= 0 ? start + MarkLength : start + 1);
        }

        return StringBuilderCache.GetStringAndRelease(result.Append(text, copied, text.Length - copied));
    }

    /// <summary>The placeholder index of the whole mark of this evaluation at <paramref name="start"/>, or -1 when there is none (a fragment, or another evaluation's mark).</summary>
    private int IndexOfMarkAt(string text, int start)
    {
        if (start + MarkLength > text.Length || text[start] != MarkStart || text[start + MarkLength - 1] != MarkEnd)
        {
            return -1;
        }

        var index = text[start + 1 + NonceLength] - IndexBase;
        if (index < 0 || index >= Written.Count)
        {
            return -1;
        }

        for (var i = 0; i < NonceLength; i++)
        {
            if (text[start + 1 + i] != NonceAt(index, i))
            {
                return -1;
            }
        }

        return index;
    }

    /// <summary>Character <paramref name="i"/> of the nonce of placeholder <paramref name="index"/>.</summary>
    private char NonceAt(int index, int i) => (char)(NonceBase + (index == 0
        ? (byte)(i < 8 ? _nonceLow >> (8 * i) : _nonceHigh >> (8 * (i - 8)))
        : _moreNonces![((index - 1) * NonceLength) + i]));

    private void WriteMark(Span<char> target, int index)
    {
        target[0] = MarkStart;
        for (var i = 0; i < NonceLength; i++)
        {
            target[1 + i] = NonceAt(index, i);
        }

        target[1 + NonceLength] = (char)(IndexBase + index);
        target[2 + NonceLength] = MarkEnd;
    }

    /// <summary>Whether text holds a reserved character percent-encoded as UTF-8 (<c>%EE%80%80</c>–<c>%EE%8F%BF</c>) or by <c>escape</c> (<c>%uE000</c>).</summary>
    private static bool HoldsAnEscapedReservedCharacter(string text)
    {
        // One pass over the escapes: "%EE%8x" (UTF-8 of U+E000–U+E3FF) or "%uE0xx"–"%uE3xx", in either case.
        for (var i = text.IndexOf('%', StringComparison.Ordinal); i >= 0 && i + 5 < text.Length; i = text.IndexOf('%', i + 1))
        {
            var escape = text.AsSpan(i + 1, 5);
            if (escape.StartsWith("EE%8", StringComparison.OrdinalIgnoreCase) || (escape[..2].Equals("uE", StringComparison.OrdinalIgnoreCase) && escape[2] is >= '0' and <= '3'))
            {
                return true;
            }
        }

        return false;
    }

    private static string PercentEncode(ReadOnlySpan<char> text)
    {
        var encoded = new StringBuilder(text.Length * 9);
        PercentEncoding.Append(encoded, text);
        return encoded.ToString();
    }

    private static string ReservedRange() => string.Create(ReservedLast - ReservedFirst + 1, 0, static (target, _) =>
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = (char)(ReservedFirst + i);
        }
    });
}
