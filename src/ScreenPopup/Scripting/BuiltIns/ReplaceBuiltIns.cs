using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace ScreenPopup.Scripting;

/// <summary>
/// <c>String.prototype.replace</c>, <c>replaceAll</c> and <c>RegExp.prototype[Symbol.replace]</c>, in the standard's order,
/// replacing with a <see cref="BoundedReplacement"/>: no result past <see cref="SandboxLimits.MaxStringLength"/> in one call,
/// no placeholder mark copied through a <c>$</c>-pattern. The common <c>text.replace(regex, literal)</c> takes the
/// <see cref="RegExpFastPath"/>.
/// </summary>
internal sealed class ReplaceBuiltIns
{
    private static readonly JsString FlagsKey = new("flags");

    private readonly Engine _engine;
    private readonly ErrorConstructor _rangeError;
    private readonly ObjectInstance _regExpPrototype;
    private readonly Function _regExpReplace;
    private readonly ScriptExecAlgorithms _scriptExec;
    private readonly int _max;

    private ReplaceBuiltIns(Engine engine, SandboxLimits limits)
    {
        _engine = engine;
        _rangeError = (ErrorConstructor)engine.Global.Get("RangeError");
        _regExpPrototype = BuiltIns.Prototype(engine, "RegExp");
        _regExpReplace = (Function)_regExpPrototype.Get(GlobalSymbolRegistry.Replace);
        _max = limits.MaxStringLength;
        _scriptExec = ScriptExecAlgorithms.Of(engine, _max);
    }

    /// <summary>Wraps the three built-ins of a new engine.</summary>
    public static void Apply(Engine engine, SandboxLimits limits)
    {
        var replace = new ReplaceBuiltIns(engine, limits);
        var stringPrototype = BuiltIns.Prototype(engine, "String");
        BuiltIns.Wrap(engine, stringPrototype, "replace", (original, self, args) => replace.StringReplace(original, self, args, all: false));
        BuiltIns.Wrap(engine, stringPrototype, "replaceAll", (original, self, args) => replace.StringReplace(original, self, args, all: true));
        BuiltIns.Wrap(engine, replace._regExpPrototype, GlobalSymbolRegistry.Replace, "[Symbol.replace]", (_, self, args) =>
            self is ObjectInstance ? replace.RegExpReplace(self, BuiltIns.Arg(args, 0), BuiltIns.Arg(args, 1)) : replace._regExpReplace.Call(self, args));
    }

    /// <summary>
    /// <c>replace</c> and <c>replaceAll</c>. A search value with its own <c>Symbol.replace</c> (a regular expression: the
    /// sandbox's one) is called with the receiver and the replacement as they are, after <c>replaceAll</c> has checked a
    /// regular expression's <c>g</c> flag; otherwise the receiver, the search value and the replacement are converted in
    /// that order, and the engine replaces with a <see cref="BoundedReplacement"/> (its own conversions of strings cannot
    /// be observed). A regular expression with the built-in prototype goes straight to <see cref="RegExpReplace"/> when
    /// what the standard would read first runs no script code: its <c>Symbol.replace</c> (not its own) for
    /// <c>replace</c>; for <c>replaceAll</c> also its <c>Symbol.match</c> and <c>flags</c> (no own property but
    /// <c>lastIndex</c>). Skipping those reads is then not observable.
    /// </summary>
    private JsValue StringReplace(Function original, JsValue self, JsValue[] args, bool all)
    {
        if (self.IsNull() || self.IsUndefined())
        {
            return original.Call(self, args); // the engine's TypeError, before anything is read
        }

        var (search, replacement) = (BuiltIns.Arg(args, 0), BuiltIns.Arg(args, 1));
        if (search is JsRegExp regExp && ReferenceEquals(regExp.Prototype, _regExpPrototype)
            && (all ? RegExpFastPath.IsPlain(_regExpPrototype, regExp) : regExp.GetOwnProperty(GlobalSymbolRegistry.Replace) == PropertyDescriptor.Undefined))
        {
            return !all || regExp.Global ? RegExpReplace(regExp, self, replacement) : throw ReplaceAllNeedsGlobal();
        }

        if (search is ObjectInstance searchObject)
        {
            if (all && IsRegExp(searchObject))
            {
                RequireGlobalFlag(searchObject);
            }

            var replacer = searchObject.Get(GlobalSymbolRegistry.Replace);
            if (!replacer.IsNull() && !replacer.IsUndefined())
            {
                return replacer.IsCallable()
                    ? _engine.Call(replacer, search, [self, replacement])
                    : throw new JavaScriptException(_engine.Intrinsics.TypeError, "Symbol.replace of the search value is not a function");
            }
        }

        var text = TypeConverter.ToString(self);
        var searchString = TypeConverter.ToString(search);
        return original.Call(text, [searchString, BoundedReplacement.For(_engine, _rangeError, text, Converted(replacement), _max)]);
    }

    /// <summary>
    /// <c>RegExp.prototype[Symbol.replace]</c> on an object: the string, then a replacement that is not a function, are
    /// converted first, as the standard does before it reads the regular expression. Anything but a plain regular
    /// expression (an own <c>exec</c>, <c>flags</c> or <c>global</c>, another prototype, a proxy, a plain object) goes
    /// through <see cref="ScriptExecAlgorithms"/>, under the engine's limits: its matches may come from script code.
    /// </summary>
    private JsValue RegExpReplace(JsValue regExp, JsValue stringValue, JsValue replacementValue)
    {
        var text = TypeConverter.ToString(stringValue);
        var replacement = Converted(replacementValue);
        // Checked after the conversions, the last script code to run before the engine reads the regex: with no own
        // property but lastIndex, nothing the engine reads next (flags, exec) can run script code or change.
        if (regExp is not JsRegExp plain || !RegExpFastPath.IsPlain(_regExpPrototype, plain))
        {
            return _scriptExec.Replace(regExp, text, replacement);
        }

        return RegExpFastPath.TryReplace(_regExpPrototype, text, regExp, replacement, _max, out var replaced, ownPropertiesChecked: true)
            ? replaced
            : _regExpReplace.Call(regExp, [text, BoundedReplacement.For(_engine, _rangeError, text, replacement, _max)]);
    }

    /// <summary>A replacement as the standard takes it: a function as it is, anything else converted to a string.</summary>
    private static JsValue Converted(JsValue replacement) =>
        replacement.IsCallable() || replacement is JsString ? replacement : JsString.Create(TypeConverter.ToString(replacement));

    /// <summary>The standard's <c>IsRegExp</c>: an object's <c>Symbol.match</c> decides, when it has one.</summary>
    private static bool IsRegExp(ObjectInstance value) =>
        value.Get(GlobalSymbolRegistry.Match) is var matcher && !matcher.IsUndefined() ? TypeConverter.ToBoolean(matcher) : value is JsRegExp;

    /// <summary><c>replaceAll</c>'s check of a regular expression: its <c>flags</c> must be defined and hold <c>g</c>.</summary>
    private void RequireGlobalFlag(ObjectInstance regExp)
    {
        var flags = regExp.Get(FlagsKey);
        if (flags.IsNull() || flags.IsUndefined() || !TypeConverter.ToString(flags).Contains('g', StringComparison.Ordinal))
        {
            throw ReplaceAllNeedsGlobal();
        }
    }

    private JavaScriptException ReplaceAllNeedsGlobal() => new(_engine.Intrinsics.TypeError, "replaceAll must be called with a global RegExp");
}
