using System.Buffers;
using System.Text;

namespace ScreenPopup;

/// <summary>
/// The provenance rule for agent placeholders in scripts: a placeholder is bound only when the admin wrote it. At compile
/// time every whole <c>{$NAME}</c> / <c>&lt;$NAME&gt;</c> written in one of the script's string literals or template chunks
/// is made to read a slot (see <see cref="PlaceholderMarking"/>); for each evaluation the slots hold new marks, drawn here;
/// after the run, <see cref="Resolve"/> turns this evaluation's marks back into placeholders and every other <c>{$</c> /
/// <c>&lt;$</c>, wherever it came from, into literal text.
/// </summary>
/// <remarks>
/// A mark is <c>U+E000</c>, a nonce of <see cref="NonceLength"/> characters in <c>U+E100–U+E1FF</c> drawn from a
/// cryptographic generator for each evaluation (96 bits, <see cref="NonceSource"/>), a character <c>U+E200 + i</c> naming the script's i-th
/// placeholder, and <c>U+E001</c>. Call data cannot produce one: the nonce is drawn after the call data is fixed, a mark
/// from an earlier evaluation (one a script printed, say) is never accepted again, and call data's own characters in the
/// reserved range <c>U+E000–U+E3FF</c> become <c>U+FFFD</c> before a script sees them (<see cref="NeutralizeCallerText"/>).
/// Whatever a script does to caller data (<c>JSON.parse</c>, <c>decodeURIComponent</c>, <c>join</c>, <c>normalize</c>, …),
/// the <c>{$</c> it produces is unmarked and ends up as <c>%7B%24</c>.
/// </remarks>
internal sealed class PlaceholderMarks
{
    /// <summary>The number of nonce characters in a mark: 8 bits each.</summary>
    public const int NonceLength = 12;

    private const char MarkStart = '\uE000';
    private const char MarkEnd = '\uE001';
    private const char NonceBase = '\uE100';
    private const char IndexBase = '\uE200';
    private const char ReservedFirst = '\uE000';
    private const char ReservedLast = '\uE3FF';

    /// <summary>The length of a mark: start, nonce, index, end.</summary>
    public const int MarkLength = NonceLength + 3;

    /// <summary>What a script's output may hold that needs a look: a <c>$</c> (a placeholder), a <c>%</c> (an encoded mark) or a reserved character.</summary>
    private static readonly SearchValues<char> NeedsALook = SearchValues.Create("$%" + ReservedRange());

    private static readonly SearchValues<char> Reserved = SearchValues.Create(ReservedRange());

    private readonly IReadOnlyList<string> _placeholders;
    private readonly string[] _marks;

    private PlaceholderMarks(ReadOnlySpan<char> nonce, IReadOnlyList<string> placeholders)
    {
        _placeholders = placeholders;
        _marks = new string[placeholders.Count];
        for (var i = 0; i < _marks.Length; i++)
        {
            _marks[i] = string.Concat([MarkStart], nonce, [(char)(IndexBase + i), MarkEnd]);
        }
    }

    /// <summary>The marks of a script that writes no placeholder: nothing is marked, nothing binds.</summary>
    public static PlaceholderMarks None { get; } = new("", []);

    /// <summary>New marks for one evaluation of a script that writes <paramref name="placeholders"/>, with a nonce from <paramref name="random"/>.</summary>
    public static PlaceholderMarks Draw(ScriptPlaceholders placeholders, NonceSource random)
    {
        if (placeholders.Texts.Count == 0)
        {
            return None;
        }

        Span<byte> bytes = stackalloc byte[NonceLength];
        random.Fill(bytes);
        Span<char> nonce = stackalloc char[NonceLength];
        for (var i = 0; i < NonceLength; i++)
        {
            nonce[i] = (char)(NonceBase + bytes[i]);
        }

        return new PlaceholderMarks(nonce, placeholders.Texts);
    }

    /// <summary>The mark of this evaluation for the script's placeholder number <paramref name="index"/>.</summary>
    public string this[int index] => _marks[index];

    /// <summary>
    /// The URL a script returned, with only the admin's placeholders left as placeholders: marks become the placeholder the
    /// admin wrote, a mark the script percent-encoded becomes that placeholder's encoded text (as before marks existed), and
    /// every other <c>{$</c> / <c>&lt;$</c> becomes <c>%7B%24</c> / <c>%3C%24</c>.
    /// </summary>
    /// <returns>The URL, or null when it holds part of a mark (the script cut or transformed a placeholder it wrote); <paramref name="problem"/> says so.</returns>
    public string? Resolve(string url, out string? problem)
    {
        problem = null;
        if (url.AsSpan().IndexOfAny(NeedsALook) < 0)
        {
            return url; // the common case: a plain URL
        }

        var resolved = url;
        if (resolved.Contains("%EE%80%80", StringComparison.OrdinalIgnoreCase))
        {
            for (var i = 0; i < _marks.Length; i++)
            {
                resolved = resolved.Replace(PercentEncode(_marks[i]), Uri.EscapeDataString(_placeholders[i]), StringComparison.OrdinalIgnoreCase);
            }
        }

        if (resolved.Contains('$', StringComparison.Ordinal))
        {
            resolved = resolved.Replace("{$", "%7B%24", StringComparison.Ordinal).Replace("<$", "%3C%24", StringComparison.Ordinal);
        }

        resolved = ReplaceMarks(resolved);
        if (HoldsPartOfAMark(resolved))
        {
            problem = "the URL holds part of a placeholder the script wrote, cut or transformed by the script (sliced, split into characters, escaped): " +
                      "write each placeholder such as {$USERNAME} whole in a string literal and put that literal into the URL as it is";
            return null;
        }

        return resolved;
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
                result.Append(text, copied, start - copied).Append(_placeholders[index]);
                copied = start + MarkLength;
            }

            start = text.IndexOf(MarkStart, index >= 0 ? start + MarkLength : start + 1);
        }

        return StringBuilderCache.GetStringAndRelease(result.Append(text, copied, text.Length - copied));
    }

    /// <summary>The placeholder index of the whole mark of this evaluation at <paramref name="start"/>, or -1 when there is none (a fragment, or another evaluation's mark).</summary>
    private int IndexOfMarkAt(string text, int start)
    {
        if (start + MarkLength > text.Length)
        {
            return -1;
        }

        var index = text[start + 1 + NonceLength] - IndexBase;
        return index >= 0 && index < _marks.Length && text.AsSpan(start, MarkLength).SequenceEqual(_marks[index]) ? index : -1;
    }

    /// <summary>Whether text still holds a reserved character, raw or percent-encoded as UTF-8 (<c>%EE%80%80</c>–<c>%EE%8F%BF</c>) or by <c>escape</c> (<c>%uE000</c>).</summary>
    private static bool HoldsPartOfAMark(string text)
    {
        if (text.AsSpan().IndexOfAny(Reserved) >= 0)
        {
            return true;
        }

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

    private static string PercentEncode(string text)
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
