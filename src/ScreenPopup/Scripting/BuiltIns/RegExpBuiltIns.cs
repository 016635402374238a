using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace ScreenPopup.Scripting;

/// <summary>
/// <c>RegExp.prototype[Symbol.match]</c>: a global match over a string of <see cref="SandboxLimits.MaxArrayLength"/>
/// characters or more counts its matches first and refuses more than that. <c>[Symbol.split]</c>: a species constructor
/// other than the built-in <c>RegExp</c> makes a splitter whose <c>exec</c> may be the script's, so the split runs as
/// <see cref="ScriptExecAlgorithms"/>. (<c>[Symbol.replace]</c>: <see cref="ReplaceBuiltIns"/>.)
/// </summary>
internal static class RegExpBuiltIns
{
    /// <summary>Wraps <c>RegExp.prototype[Symbol.match]</c> and <c>[Symbol.split]</c>.</summary>
    public static void Apply(Engine engine, SandboxLimits limits)
    {
        var rangeError = (ErrorConstructor)engine.Global.Get("RangeError");
        var regExpPrototype = BuiltIns.Prototype(engine, "RegExp");
        var scriptExec = ScriptExecAlgorithms.Of(engine, limits.MaxStringLength);
        var constructorKey = new JsString("constructor");
        BuiltIns.Wrap(engine, regExpPrototype, GlobalSymbolRegistry.Split, "[Symbol.split]", (original, self, args) =>
        {
            if (self is not ObjectInstance)
            {
                return original.Call(self, args); // the engine's TypeError, before the argument is converted
            }

            // Converted first, as the standard does: its toString is the last script code before the species is read.
            var text = JsString.Create(TypeConverter.ToString(BuiltIns.Arg(args, 0)));
            return self is JsRegExp regExp && ReferenceEquals(regExp.Prototype, regExpPrototype) && regExp.GetOwnProperty(constructorKey) == PropertyDescriptor.Undefined
                ? original.Call(self, [text, BuiltIns.Arg(args, 1)]) // the species is the built-in RegExp: a new splitter no script can reach
                : scriptExec.Split(self, text, BuiltIns.Arg(args, 1));
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
