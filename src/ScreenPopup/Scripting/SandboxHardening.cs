using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using System.Text.RegularExpressions;

namespace ScreenPopup;

/// <summary>
/// Closes the gaps of the engine's limits, which are checked between statements: a single built-in call can allocate
/// gigabytes before the next check. Installed once in each engine, before <see cref="Lockdown"/> freezes the built-ins:
/// <list type="bullet">
/// <item>binary-data globals (<c>ArrayBuffer</c>, typed arrays, <c>DataView</c>, <c>Atomics</c>) are <c>undefined</c>: popups never need them;</item>
/// <item><c>WeakRef</c> and <c>FinalizationRegistry</c> are <c>undefined</c>: a cleanup callback runs whenever the garbage collector
/// decides, which in a reused engine would be in the middle of a later interaction's evaluation;</item>
/// <item><c>repeat</c>, <c>padStart</c>, <c>padEnd</c>, <c>concat</c> refuse results longer than <see cref="SandboxOptions.MaxStringLength"/>;</item>
/// <item><c>Array.prototype.join</c>, <c>Array.prototype.toLocaleString</c> and <c>String.raw</c> stop at that length; <c>replace</c>/<c>replaceAll</c> count what replacements add;</item>
/// <item>a global <c>match</c> over a string of <see cref="SandboxOptions.MaxArrayLength"/> characters or more counts its matches first and refuses more than that;</item>
/// <item><c>JSON.stringify</c> runs a script-level replacer, so the engine's own limits are checked while it works.</item>
/// </list>
/// Each refusal is a <c>RangeError</c> the script may catch; arrays are capped by <see cref="SandboxOptions.MaxArrayLength"/>.
/// </summary>
internal static class SandboxHardening
{
    private static readonly string[] RemovedGlobals =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
        "Int32Array", "Uint32Array", "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
        "WeakRef", "FinalizationRegistry",
    ];

    private static readonly JsString LengthKey = new("length");

    private static readonly Prepared<Script> IdentityReplacer = Engine.PrepareScript("(function (key, value) { return value; })", "sandbox");

    /// <summary>
    /// Makes the binary-data and garbage-collection globals <c>undefined</c>, after <see cref="Lockdown"/> (which reaches their
    /// prototypes through them). Not deleted: a deletion makes every later snapshot restore copy the whole global object.
    /// </summary>
    public static void RemoveBinaryData(Engine engine)
    {
        foreach (var name in RemovedGlobals)
        {
            engine.Global.FastSetProperty(name, new PropertyDescriptor(JsValue.Undefined, PropertyFlag.None));
        }
    }

    /// <summary>The iterator helpers of <c>%IteratorPrototype%</c>, <c>%AsyncIteratorPrototype%</c>, <c>Iterator</c> and <c>AsyncIterator</c>.</summary>
    private static readonly (string Owner, string[] Names)[] IteratorHelpers =
    [
        ("Object.getPrototypeOf(Object.getPrototypeOf([].values()))",
            ["chunks", "drop", "every", "filter", "find", "flatMap", "forEach", "includes", "join", "map", "reduce", "some", "take", "toArray", "windows"]),
        ("AsyncIterator.prototype", ["drop", "every", "filter", "find", "flatMap", "forEach", "map", "reduce", "some", "take", "toArray"]),
        ("Iterator", ["concat", "from", "zip", "zipKeyed"]),
        ("AsyncIterator", ["from"]),
    ];

    /// <summary>
    /// Removes the iterator helpers (<c>[].values().map(f)</c>, <c>Iterator.from</c>, …), before <see cref="Lockdown"/>: in
    /// Jint 4.18 a chain of 20,000 of them overflows the native stack past the stack guard and ends the host process, and
    /// their loops over a native iterator never check the timeout (<c>Array.prototype.keys.call({ length: 2 ** 53 - 1 }).some(f)</c>
    /// ran for ever). Scripts iterate with <c>for…of</c> and the array methods instead.
    /// </summary>
    public static void RemoveIteratorHelpers(Engine engine)
    {
        foreach (var (owner, names) in IteratorHelpers)
        {
            var target = engine.Evaluate(owner).AsObject();
            foreach (var name in names)
            {
                target.Delete(name);
            }
        }
    }

    /// <summary>Wraps the built-ins that can build huge strings in one call; before <see cref="Lockdown"/> freezes them.</summary>
    public static void Apply(Engine engine, SandboxOptions limits)
    {
        var global = engine.Global;
        var rangeError = (ErrorConstructor)global.Get("RangeError");
        var max = limits.MaxStringLength;
        var stringPrototype = BuiltIns.Prototype(engine, "String");
        // Each value is converted once, in the standard's order, and handed to the engine converted.
        BuiltIns.WrapStringMethod(engine, stringPrototype, "repeat", (original, text, args) =>
        {
            var count = TypeConverter.ToIntegerOrInfinity(BuiltIns.Arg(args, 0));
            var length = text.Length * count;
            if (length > max)
            {
                throw Refusal(rangeError, $"repeat would build a string of {length:0} characters; the sandbox allows {max} (Sandbox.MaxStringLength)");
            }

            return original.Call(text, [count]);
        });
        BuiltIns.WrapStringMethod(engine, stringPrototype, "concat", (_, text, args) => Concat(rangeError, text, args, max));
        BuiltIns.WrapStringMethod(engine, stringPrototype, "normalize", (original, text, args) =>
            LongestRunOfMarks(text) is var run && run > MaxMarksInARow
                ? throw Refusal(rangeError, $"normalize of {run} combining marks in a row; the sandbox allows {MaxMarksInARow} (Unicode's stream-safe text format allows 30)")
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
                    throw Refusal(rangeError, $"{pad} would build a string of {length:0} characters; the sandbox allows {max} (Sandbox.MaxStringLength)");
                }

                return original.Call(text, filler is null ? [length] : [length, filler]);
            });
        }

        JsValue Counted(Function original, string text, JsValue[] args) =>
            original.Call(text, [BuiltIns.Arg(args, 0), CountingReplacement(engine, rangeError, MarkSafeReplacement(engine, text, BuiltIns.Arg(args, 1)), text.Length, max)]);

        var regExpPrototype = BuiltIns.Prototype(engine, "RegExp");
        BuiltIns.WrapStringMethod(engine, stringPrototype, "replace", (original, text, args) =>
            FastBuiltIns.TryReplace(regExpPrototype, text, BuiltIns.Arg(args, 0), BuiltIns.Arg(args, 1), max, out var replaced) ? replaced : Counted(original, text, args));
        BuiltIns.WrapStringMethod(engine, stringPrototype, "replaceAll", Counted);
        BuiltIns.Wrap(engine, regExpPrototype, GlobalSymbolRegistry.Replace, "[Symbol.replace]", (original, self, args) =>
        {
            if (self is not ObjectInstance)
            {
                return original.Call(self, args); // the engine's TypeError, before the arguments are converted
            }

            var text = TypeConverter.ToString(BuiltIns.Arg(args, 0));
            return original.Call(self, [text, MarkSafeReplacement(engine, text, BuiltIns.Arg(args, 1))]);
        });
        BuiltIns.Wrap(engine, regExpPrototype, GlobalSymbolRegistry.Match, "[Symbol.match]", (original, self, args) =>
        {
            if (self is not ObjectInstance)
            {
                return original.Call(self, args); // the engine's TypeError, before the argument is converted
            }

            var text = TypeConverter.ToString(BuiltIns.Arg(args, 0));
            if (text.Length >= limits.MaxArrayLength && self is JsRegExp { Global: true } regExp && FastBuiltIns.IsPlainDotNetRegex(regExpPrototype, regExp, out var regex)
                && HasMoreMatchesThan(regex, text, limits.MaxArrayLength))
            {
                throw Refusal(rangeError, $"match would return more than {limits.MaxArrayLength} matches (Sandbox.MaxArrayLength); match fewer, or test with a regex without the g flag");
            }

            return original.Call(self, [text]);
        });

        var arrayPrototype = BuiltIns.Prototype(engine, "Array");
        BuiltIns.Wrap(engine, arrayPrototype, "join", (original, self, args) => self.IsNull() || self.IsUndefined()
            ? original.Call(self, args) // the engine's TypeError
            : Join(engine, rangeError, self, BuiltIns.Arg(args, 0), TypeConverter.ToString, max, limits.MaxArrayLength));
        var toLocaleStringKey = new JsString("toLocaleString");
        BuiltIns.Wrap(engine, arrayPrototype, "toLocaleString", (original, self, args) => self.IsNull() || self.IsUndefined()
            ? original.Call(self, args) // the engine's TypeError
            : Join(engine, rangeError, self, JsValue.Undefined, element => TypeConverter.ToString(Invoke(engine, element, toLocaleStringKey)), max, limits.MaxArrayLength));
        BuiltIns.Wrap(engine, global.Get("String").AsObject(), "raw", (_, _, args) => Raw(engine, rangeError, args, max, limits.MaxArrayLength));

        var json = global.Get("JSON").AsObject();
        var replacer = engine.Evaluate(IdentityReplacer);
        BuiltIns.Wrap(engine, json, "stringify", (original, self, args) =>
            original.Call(self, [BuiltIns.Arg(args, 0), BuiltIns.Arg(args, 1) is { } given && !given.IsUndefined() && !given.IsNull() ? given : replacer, BuiltIns.Arg(args, 2)]));
    }

    /// <summary>
    /// For a string holding a placeholder mark, a replacement string with <c>$</c>-patterns becomes a function that cannot
    /// copy the mark (<see cref="ReplacementPatterns"/>); anything else is returned as it is (a replacement converted here is
    /// not converted again).
    /// </summary>
    private static JsValue MarkSafeReplacement(Engine engine, string text, JsValue replacement)
    {
        if (replacement is Function || !PlaceholderMarks.HoldsAMark(text))
        {
            return replacement;
        }

        var literal = TypeConverter.ToString(replacement);
        return literal.Contains('$', StringComparison.Ordinal) ? ReplacementPatterns.MarkSafe(engine, literal) : literal;
    }

    /// <summary>
    /// A replacement that cannot grow the result past the cap: a string that could not pass it even if every position
    /// matched is used as it is; otherwise functions and literal strings are counted as they are used.
    /// </summary>
    private static JsValue CountingReplacement(Engine engine, ErrorConstructor rangeError, JsValue replacement, int inputLength, int max)
    {
        var added = 0L;
        if (replacement is Function function)
        {
            return new ClrFunction(engine, "replacement", (self, args) =>
            {
                var text = TypeConverter.ToString(function.Call(self, args));
                added += text.Length;
                if (inputLength + added > max)
                {
                    throw Refusal(rangeError, $"replace would build a string longer than {max} characters (Sandbox.MaxStringLength)");
                }

                return text;
            });
        }

        var literal = TypeConverter.ToString(replacement);
        if (ReplacementFits(inputLength, literal.Length, max))
        {
            return replacement is JsString ? replacement : literal;
        }

        // A pattern such as $1 or $& is expanded by the engine, so only the worst case can bound it.
        if (literal.Contains('$', StringComparison.Ordinal))
        {
            throw Refusal(rangeError, $"replace with a $-pattern could build a string longer than {max} characters (Sandbox.MaxStringLength)");
        }

        return new ClrFunction(engine, "replacement", (_, _) =>
        {
            added += literal.Length;
            if (inputLength + added > max)
            {
                throw Refusal(rangeError, $"replace would build a string longer than {max} characters (Sandbox.MaxStringLength)");
            }

            return literal;
        });
    }

    /// <summary>
    /// <c>String.raw</c> as the standard does it (each raw literal, then the substitution after it, converted once, in order),
    /// refusing a result longer than <paramref name="max"/> as it grows: the engine's own allocated 572 MB for three hundred
    /// one-million-character literals.
    /// </summary>
    private static JsValue Raw(Engine engine, ErrorConstructor rangeError, JsValue[] args, int max, int maxLength)
    {
        var cooked = ToObject(engine, BuiltIns.Arg(args, 0));
        var literals = ToObject(engine, cooked.Get("raw"));
        var count = TypeConverter.ToLength(literals.Get(LengthKey));
        if (count > (ulong)maxLength)
        {
            throw Refusal(rangeError, $"String.raw of {count} literals; the sandbox allows {maxLength} (Sandbox.MaxArrayLength)");
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
                throw Refusal(rangeError, $"String.raw would build a string longer than {max} characters (Sandbox.MaxStringLength)");
            }
        }

        return StringBuilderCache.GetStringAndRelease(result);
    }

    /// <summary>The standard's <c>Invoke(V, P)</c> with no arguments: a <c>TypeError</c> when the method is not callable.</summary>
    private static JsValue Invoke(Engine engine, JsValue value, JsString name)
    {
        var method = ToObject(engine, value).Get(name, value);
        return method.IsCallable()
            ? engine.Call(method, value, [])
            : throw new JavaScriptException(engine.Intrinsics.TypeError, $"{name} is not a function");
    }

    /// <summary>The standard's <c>ToObject</c>: a <c>TypeError</c> for <c>null</c> and <c>undefined</c>.</summary>
    private static ObjectInstance ToObject(Engine engine, JsValue value) => value.IsNull() || value.IsUndefined()
        ? throw new JavaScriptException(engine.Intrinsics.TypeError, "Cannot convert undefined or null to object")
        : (ObjectInstance)engine.Intrinsics.Object.Call(JsValue.Undefined, [value]);

    /// <summary>
    /// Array.prototype.join (or, with a <paramref name="convert"/> calling each element's <c>toLocaleString</c>,
    /// Array.prototype.toLocaleString) with the same result, refusing to build a string past the cap.
    /// </summary>
    private static JsValue Join(Engine engine, ErrorConstructor rangeError, JsValue self, JsValue separatorValue, Func<JsValue, string> convert, int max, int maxLength)
    {
        var target = self as ObjectInstance ?? (ObjectInstance)engine.Intrinsics.Object.Call(JsValue.Undefined, [self]);
        var length = TypeConverter.ToLength(target.Get(LengthKey));
        if (length > (ulong)maxLength)
        {
            throw Refusal(rangeError, $"join of {length} elements; the sandbox allows {maxLength} (Sandbox.MaxArrayLength)");
        }

        var separator = separatorValue.IsUndefined() ? "," : TypeConverter.ToString(separatorValue);
        var result = StringBuilderCache.Acquire(16);
        for (ulong index = 0; index < length; index++)
        {
            if (index > 0)
            {
                result.Append(separator);
            }

            // An array's indexer has the semantics of Get (own element, getter, prototype) without boxing the index.
            var element = target is ArrayInstance array && index <= uint.MaxValue - 1 ? array[(uint)index] : target.Get(index);
            if (!element.IsNull() && !element.IsUndefined())
            {
                result.Append(convert(element));
            }

            if (result.Length > max)
            {
                throw Refusal(rangeError, $"join would build a string longer than {max} characters (Sandbox.MaxStringLength)");
            }
        }

        return StringBuilderCache.GetStringAndRelease(result);
    }

    /// <summary>
    /// Whether replacing with a literal of <paramref name="replacementLength"/> characters cannot build a string past
    /// <paramref name="max"/>, even if every position of the input matched (an empty match before each character and at the end).
    /// </summary>
    public static bool ReplacementFits(int inputLength, int replacementLength, int max) =>
        inputLength + ((double)inputLength + 1) * replacementLength <= max;

    /// <summary>The start of every refusal's message, by which the runner reports it as <see cref="PopupReason.ScriptLimit"/>.</summary>
    public const string RefusalPrefix = "sandbox limit: ";

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
            throw Refusal(rangeError, $"concat would build a string of {length} characters; the sandbox allows {max} (Sandbox.MaxStringLength)");
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

    /// <summary>
    /// Counts matches without keeping them: the engine's global <c>match</c> builds every .NET <c>Match</c> before its first
    /// limit check (228 MB and 300 ms for a million one-character matches, past a 16 MB and 100 ms budget).
    /// </summary>
    private static bool HasMoreMatchesThan(Regex regex, string text, int max)
    {
        var count = 0;
        foreach (var _ in regex.EnumerateMatches(text))
        {
            if (++count > max)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The error a refused call throws; the message is built only then, never on the path that passes.</summary>
    private static JavaScriptException Refusal(ErrorConstructor rangeError, string message) => new(rangeError, RefusalPrefix + message);
}
