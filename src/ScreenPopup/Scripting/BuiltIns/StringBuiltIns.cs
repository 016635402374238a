using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Runtime;

namespace ScreenPopup.Scripting;

/// <summary>
/// <c>String</c> built-ins that could build a huge string in one call, between two of the engine's limit checks:
/// <c>repeat</c>, <c>padStart</c>, <c>padEnd</c>, <c>concat</c> and <c>String.raw</c> refuse results longer than
/// <see cref="SandboxLimits.MaxStringLength"/> (<c>replace</c> and <c>replaceAll</c>: <see cref="ReplaceBuiltIns"/>);
/// <c>normalize</c> refuses long runs of combining marks. Each refusal is a <c>RangeError</c> the script may catch.
/// </summary>
internal static class StringBuiltIns
{
    /// <summary>Wraps the string built-ins; each value is converted once, in the standard's order, and handed to the engine converted.</summary>
    public static void Apply(Engine engine, SandboxLimits limits)
    {
        var rangeError = (ErrorConstructor)engine.Global.Get("RangeError");
        var max = limits.MaxStringLength;
        var stringPrototype = BuiltIns.Prototype(engine, "String");
        BuiltIns.WrapStringMethod(engine, stringPrototype, "repeat", (original, text, args) =>
        {
            var count = TypeConverter.ToIntegerOrInfinity(BuiltIns.Arg(args, 0));
            var length = text.Length * count;
            if (length > max)
            {
                throw BuiltIns.Refusal(rangeError, $"repeat would build a string of {length:0} characters; the sandbox allows {max} (Sandbox.MaxStringLength)");
            }

            return original.Call(text, [count]);
        });
        BuiltIns.WrapStringMethod(engine, stringPrototype, "concat", (_, text, args) => Concat(rangeError, text, args, max));
        BuiltIns.WrapStringMethod(engine, stringPrototype, "normalize", (original, text, args) =>
            LongestRunOfMarks(text) is var run && run > MaxMarksInARow
                ? throw BuiltIns.Refusal(rangeError, $"normalize of {run} combining marks in a row; the sandbox allows {MaxMarksInARow} (Unicode's stream-safe text format allows 30)")
                : original.Call(text, args));
        foreach (var pad in new[] { "padStart", "padEnd" })
        {
            BuiltIns.WrapStringMethod(engine, stringPrototype, pad, (original, text, args) =>
            {
                var length = TypeConverter.ToIntegerOrInfinity(BuiltIns.Arg(args, 0));
                if (length <= text.Length)
                {
                    return text; // the standard returns the string before it looks at the filler
                }

                var filler = BuiltIns.Arg(args, 1) is { } given && !given.IsUndefined() ? TypeConverter.ToString(given) : null;
                if (filler is "")
                {
                    return text;
                }

                if (length > max)
                {
                    throw BuiltIns.Refusal(rangeError, $"{pad} would build a string of {length:0} characters; the sandbox allows {max} (Sandbox.MaxStringLength)");
                }

                return original.Call(text, filler is null ? [length] : [length, filler]);
            });
        }

        BuiltIns.Wrap(engine, engine.Global.Get("String").AsObject(), "raw", (_, _, args) => Raw(engine, rangeError, args, max, limits.MaxArrayLength));
    }

    /// <summary>
    /// <c>String.raw</c> as the standard does it (each raw literal, then the substitution after it, converted once, in order),
    /// refusing a result longer than <paramref name="max"/> as it grows: the engine's own allocated 572 MB for three hundred
    /// one-million-character literals.
    /// </summary>
    private static JsValue Raw(Engine engine, ErrorConstructor rangeError, JsValue[] args, int max, int maxLength)
    {
        var cooked = BuiltIns.ToObject(engine, BuiltIns.Arg(args, 0));
        var literals = BuiltIns.ToObject(engine, cooked.Get("raw"));
        var count = TypeConverter.ToLength(literals.Get(BuiltIns.LengthKey));
        if (count > (ulong)maxLength)
        {
            throw BuiltIns.Refusal(rangeError, $"String.raw of {count} literals; the sandbox allows {maxLength} (Sandbox.MaxArrayLength)");
        }

        var result = StringBuilderCache.Acquire(16);
        for (ulong index = 0; index < count; index++)
        {
            result.Append(TypeConverter.ToString(literals.Get(index)));
            if (index + 1 < count && index + 1 < (ulong)args.Length)
            {
                result.Append(TypeConverter.ToString(args[index + 1]));
            }

            if (result.Length > max)
            {
                StringBuilderCache.GetStringAndRelease(result);
                throw BuiltIns.Refusal(rangeError, $"String.raw would build a string longer than {max} characters (Sandbox.MaxStringLength)");
            }
        }

        return StringBuilderCache.GetStringAndRelease(result);
    }

    /// <summary>
    /// <c>String.prototype.concat</c>, as the standard does it (<c>this</c>, then each argument, converted to a string once, in
    /// order), refusing a result longer than <paramref name="max"/> before building it: the engine's own allocated 205 MB
    /// for a one-million-character string joined with itself 100 times in one call.
    /// </summary>
    private static JsString Concat(ErrorConstructor rangeError, string text, JsValue[] args, int max)
    {
        var parts = new string[args.Length + 1];
        parts[0] = text;
        var length = (long)parts[0].Length;
        for (var i = 0; i < args.Length; i++)
        {
            parts[i + 1] = TypeConverter.ToString(args[i]);
            length += parts[i + 1].Length;
        }

        if (length > max)
        {
            throw BuiltIns.Refusal(rangeError, $"concat would build a string of {length} characters; the sandbox allows {max} (Sandbox.MaxStringLength)");
        }

        return JsString.Create(string.Concat(parts));
    }

    /// <summary>
    /// The most combining marks in a row <c>normalize</c> takes: the engine reorders a run of them in time that grows with
    /// the square of its length (65,000 marks: seconds, with no limit checked), where real text has a handful.
    /// </summary>
    private const int MaxMarksInARow = 1_000;

    /// <summary>The length of the longest run of combining marks (non-spacing, spacing and enclosing) in the text; 0 for a text too short to matter.</summary>
    private static int LongestRunOfMarks(string text)
    {
        if (text.Length <= MaxMarksInARow)
        {
            return 0;
        }

        var (longest, run) = (0, 0);
        foreach (var c in text)
        {
            run = System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
