using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace ScreenPopup.Scripting;

/// <summary>
/// The replacement a sandboxed <c>replace</c> or <c>replaceAll</c> hands to the engine's own algorithm, once the standard has
/// converted it: one that cannot copy a placeholder mark through a <c>$</c>-pattern (<see cref="ReplacementPatterns"/>), and
/// cannot grow the result past <see cref="SandboxLimits.MaxStringLength"/> in the one call.
/// </summary>
internal static class BoundedReplacement
{
    /// <summary>
    /// The replacement for searching <paramref name="text"/>, where matches come at most one per position (a string search,
    /// or a regular expression with the engine's own <c>exec</c>): <paramref name="replacement"/> is a function or, already
    /// converted as the standard does before it reads anything else, a string. A string without a <c>$</c> that could not
    /// pass the cap even if every position matched is used as it is (the common case); otherwise the replacement becomes a
    /// function that counts what it adds, the standard's substitution of <c>$</c>-patterns included, within what is left:
    /// what <c>$'</c> or <c>$&amp;</c> copy depends on the matches, not only on their number
    /// (<c>'x'.repeat(40000).replaceAll('', "$'")</c> would build 800 million characters).
    /// </summary>
    public static JsValue For(Engine engine, ErrorConstructor rangeError, string text, JsValue replacement, int max)
    {
        if (replacement.IsCallable())
        {
            return Counting(engine, rangeError, text.Length, max, (self, args, _) => TypeConverter.ToString(engine.Call(replacement, self, args)));
        }

        var literal = replacement.ToString();
        if (literal.Contains('$', StringComparison.Ordinal))
        {
            // Copies of searched text cannot carry a placeholder mark either (ReplacementPatterns).
            return Counting(engine, rangeError, text.Length, max, (_, args, budget) => ReplacementPatterns.Substitute(engine, literal, args, budget));
        }

        return RegExpFastPath.ReplacementFits(text.Length, literal.Length, max)
            ? replacement
            : Counting(engine, rangeError, text.Length, max, (_, args, _) =>
            {
                ReplacementPatterns.NamedCaptures(engine, args); // the standard converts a string replacement's named captures, even unused
                return literal;
            });
    }

    /// <summary>
    /// A replacement function giving what <paramref name="replace"/> gives, refusing once the result would pass
    /// <paramref name="max"/>; <paramref name="replace"/> receives what is left of the budget, and gives <see langword="null"/>
    /// when its piece would not fit.
    /// </summary>
    private static ClrFunction Counting(Engine engine, ErrorConstructor rangeError, int inputLength, int max, Func<JsValue, JsValue[], long, string?> replace)
    {
        var added = 0L;
        return new ClrFunction(engine, "replacement", (self, args) =>
        {
            // Once per match: a replacement that adds nothing still costs a pass over its template, and a million empty
            // matches run no statement of the script's.
            engine.Constraints.Check();
            var piece = replace(self, args, max - inputLength - added);
            added += piece?.Length ?? 0;
            return piece is null || inputLength + added > max
                ? throw BuiltIns.Refusal(rangeError, $"replace would build a string longer than {max} characters (Sandbox.MaxStringLength)")
                : piece;
        });
    }
}
