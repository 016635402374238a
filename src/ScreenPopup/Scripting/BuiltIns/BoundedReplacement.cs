using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Runtime;
using Jint.Runtime.Interop;
using ScreenPopup.Placeholders;

namespace ScreenPopup.Scripting;

/// <summary>
/// The replacement a sandboxed <c>replace</c> or <c>replaceAll</c> hands to the engine's own algorithm, once the standard has
/// converted it: one that cannot copy a placeholder mark through a <c>$</c>-pattern (<see cref="ReplacementPatterns"/>), and
/// cannot grow the result past <see cref="SandboxLimits.MaxStringLength"/> in the one call.
/// </summary>
internal static class BoundedReplacement
{
    /// <summary>
    /// The replacement for searching <paramref name="text"/>: <paramref name="replacement"/> is a function or, already
    /// converted as the standard does before it reads anything else, a string. A string that could not pass the cap even
    /// if every position matched is used as it is (the common case); otherwise the replacement becomes a function that
    /// counts what it adds. A string with a <c>$</c>-pattern that could pass the cap is refused at once: the engine expands it.
    /// </summary>
    public static JsValue For(Engine engine, ErrorConstructor rangeError, string text, JsValue replacement, int max)
    {
        if (replacement is Function function)
        {
            return Counting(engine, rangeError, text.Length, max, (self, args) => TypeConverter.ToString(function.Call(self, args)));
        }

        var literal = replacement.ToString();
        if (literal.Contains('$', StringComparison.Ordinal) && PlaceholderMarks.HoldsAMark(text))
        {
            return Counting(engine, rangeError, text.Length, max, (_, args) => ReplacementPatterns.Substitute(engine, literal, args));
        }

        if (RegExpFastPath.ReplacementFits(text.Length, literal.Length, max))
        {
            return replacement;
        }

        // A pattern such as $1 or $& is expanded by the engine, so only the worst case can bound it.
        return literal.Contains('$', StringComparison.Ordinal)
            ? throw BuiltIns.Refusal(rangeError, $"replace with a $-pattern could build a string longer than {max} characters (Sandbox.MaxStringLength)")
            : Counting(engine, rangeError, text.Length, max, (_, args) =>
            {
                ReplacementPatterns.NamedCaptures(engine, args); // the standard converts a string replacement's named captures, even unused
                return literal;
            });
    }

    /// <summary>A replacement function giving what <paramref name="replace"/> gives, refusing once the result would pass <paramref name="max"/>.</summary>
    private static ClrFunction Counting(Engine engine, ErrorConstructor rangeError, int inputLength, int max, Func<JsValue, JsValue[], string> replace)
    {
        var added = 0L;
        return new ClrFunction(engine, "replacement", (self, args) =>
        {
            var piece = replace(self, args);
            added += piece.Length;
            return inputLength + added > max
                ? throw BuiltIns.Refusal(rangeError, $"replace would build a string longer than {max} characters (Sandbox.MaxStringLength)")
                : piece;
        });
    }
}
