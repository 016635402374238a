using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime;

namespace ScreenPopup.Scripting;

/// <summary>
/// <c>RegExp.prototype</c> built-ins: <c>[Symbol.replace]</c> replaces with a <see cref="BoundedReplacement"/> (no mark
/// copied through a <c>$</c>-pattern, no result past the cap), the common case on the <see cref="RegExpFastPath"/>; and a global <c>[Symbol.match]</c> over a string of
/// <see cref="SandboxLimits.MaxArrayLength"/> characters or more counts its matches first and refuses more than that.
/// </summary>
internal static class RegExpBuiltIns
{
    /// <summary>Wraps <c>RegExp.prototype[Symbol.replace]</c> and <c>[Symbol.match]</c>.</summary>
    public static void Apply(Engine engine, SandboxLimits limits)
    {
        var rangeError = (ErrorConstructor)engine.Global.Get("RangeError");
        var regExpPrototype = BuiltIns.Prototype(engine, "RegExp");
        BuiltIns.Wrap(engine, regExpPrototype, GlobalSymbolRegistry.Replace, "[Symbol.replace]", (original, self, args) =>
        {
            if (self is not ObjectInstance)
            {
                return original.Call(self, args); // the engine's TypeError, before the arguments are converted
            }

            // The standard converts the string, then a replacement that is not a function, before it reads the regex.
            var text = TypeConverter.ToString(BuiltIns.Arg(args, 0));
            var replacement = BuiltIns.Arg(args, 1) is var given && (given.IsCallable() || given is JsString) ? given : JsString.Create(TypeConverter.ToString(given));
            return RegExpFastPath.TryReplace(regExpPrototype, text, self, replacement, limits.MaxStringLength, out var replaced)
                ? replaced
                : original.Call(self, [text, BoundedReplacement.For(engine, rangeError, text, replacement, limits.MaxStringLength)]);
        });
        BuiltIns.Wrap(engine, regExpPrototype, GlobalSymbolRegistry.Match, "[Symbol.match]", (original, self, args) =>
        {
            if (self is not ObjectInstance)
            {
                return original.Call(self, args); // the engine's TypeError, before the argument is converted
            }

            var text = TypeConverter.ToString(BuiltIns.Arg(args, 0));
            if (text.Length >= limits.MaxArrayLength && self is JsRegExp { Global: true } regExp && RegExpFastPath.IsPlainDotNetRegex(regExpPrototype, regExp, out var regex)
                && HasMoreMatchesThan(regex, text, limits.MaxArrayLength))
            {
                throw BuiltIns.Refusal(rangeError, $"match would return more than {limits.MaxArrayLength} matches (Sandbox.MaxArrayLength); match fewer, or test with a regex without the g flag");
            }

            return original.Call(self, [text]);
        });
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
}
