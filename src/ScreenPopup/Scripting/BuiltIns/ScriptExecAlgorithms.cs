using System.Runtime.CompilerServices;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace ScreenPopup.Scripting;

/// <summary>
/// <c>RegExp.prototype[Symbol.replace]</c> and <c>[Symbol.split]</c> as the standard writes them, in JavaScript, for a
/// receiver whose matches do not come from the engine's own <c>exec</c>: a script's <c>exec</c> (or a species
/// constructor's) returns result objects of any <c>length</c>, and the engine's native loops read every capture of
/// every result before any limit is checked (a <c>length</c> of 30 million: 6 GB and 7 s in one call, and the decision
/// still opened). Here each step is a statement of a script, so the statement, time and memory limits apply to it;
/// the replacement is counted against <see cref="SandboxLimits.MaxStringLength"/> as it grows, and a <c>$</c>-pattern
/// is expanded by <see cref="ReplacementPatterns"/> within what is left.
/// </summary>
internal sealed class ScriptExecAlgorithms
{
    /// <summary>The standard's algorithms over intrinsics and helpers captured before any script runs.</summary>
    private static readonly Prepared<Script> Source = Engine.PrepareScript("""
        (function (TypeErrorIntrinsic, RegExpIntrinsic, species, apply, construct, builtinExec, toStr, toLength, toInteger, toUint32, toObject, isCallable, isConstructor, substitute, refuse, max) {
          'use strict';
          function regExpExec(r, s) {
            var exec = r.exec;
            if (isCallable(exec)) {
              var result = apply(exec, r, [s]);
              if (result !== null && typeof result !== 'object' && typeof result !== 'function') { throw new TypeErrorIntrinsic('exec must return an object or null'); }
              return result;
            }
            return apply(builtinExec, r, [s]);
          }
          function advance(s, index, unicode) {
            if (!unicode || index + 1 >= s.length) { return index + 1; }
            var first = s.charCodeAt(index), second = s.charCodeAt(index + 1);
            return first >= 0xD800 && first <= 0xDBFF && second >= 0xDC00 && second <= 0xDFFF ? index + 2 : index + 1;
          }
          function hasFlag(flags, flag) { return flags.indexOf(flag) !== -1; }
          function replace(rx, string, replaceValue) {
            var s = toStr(string), lengthS = s.length, functional = isCallable(replaceValue);
            if (!functional) { replaceValue = toStr(replaceValue); }
            var flags = toStr(rx.flags), global = hasFlag(flags, 'g'), fullUnicode = false;
            if (global) { fullUnicode = hasFlag(flags, 'u') || hasFlag(flags, 'v'); rx.lastIndex = 0; }
            var results = [], result;
            while ((result = regExpExec(rx, s)) !== null) {
              results.push(result);
              if (!global) { break; }
              if (toStr(result[0]) === '') { rx.lastIndex = advance(s, toLength(rx.lastIndex), fullUnicode); }
            }
            var accumulated = '', nextSourcePosition = 0;
            for (var i = 0; i < results.length; i++) {
              result = results[i];
              var resultLength = toLength(result.length), nCaptures = resultLength > 1 ? resultLength - 1 : 0;
              var matched = toStr(result[0]), position = toInteger(result.index);
              position = position < 0 ? 0 : position > lengthS ? lengthS : position;
              var captures = [];
              for (var n = 1; n <= nCaptures; n++) {
                var capture = result[n];
                captures.push(capture === undefined ? undefined : toStr(capture));
              }
              var namedCaptures = result.groups, replacement;
              if (functional) {
                var replacerArgs = [matched];
                for (var c = 0; c < captures.length; c++) { replacerArgs.push(captures[c]); }
                replacerArgs.push(position, s);
                if (namedCaptures !== undefined) { replacerArgs.push(namedCaptures); }
                replacement = toStr(apply(replaceValue, undefined, replacerArgs));
              } else {
                if (namedCaptures !== undefined) { namedCaptures = toObject(namedCaptures); }
                replacement = substitute(matched, s, position, captures, namedCaptures, replaceValue, max - accumulated.length);
              }
              if (position >= nextSourcePosition) {
                if (replacement === null || accumulated.length + (position - nextSourcePosition) + replacement.length > max) { refuse(); }
                accumulated = accumulated + s.slice(nextSourcePosition, position) + replacement;
                nextSourcePosition = position + matched.length;
              }
            }
            if (nextSourcePosition >= lengthS) { return accumulated; }
            if (accumulated.length + (lengthS - nextSourcePosition) > max) { refuse(); }
            return accumulated + s.slice(nextSourcePosition);
          }
          function speciesConstructor(o) {
            var c = o.constructor;
            if (c === undefined) { return RegExpIntrinsic; }
            if (c === null || (typeof c !== 'object' && typeof c !== 'function')) { throw new TypeErrorIntrinsic('object.constructor is not an object'); }
            var made = c[species];
            if (made === undefined || made === null) { return RegExpIntrinsic; }
            if (isConstructor(made)) { return made; }
            throw new TypeErrorIntrinsic('object.constructor[Symbol.species] is not a constructor');
          }
          function split(rx, string, limit) {
            var s = toStr(string), c = speciesConstructor(rx), flags = toStr(rx.flags);
            var unicodeMatching = hasFlag(flags, 'u') || hasFlag(flags, 'v');
            var splitter = construct(c, [rx, hasFlag(flags, 'y') ? flags : flags + 'y']);
            var a = [], lim = limit === undefined ? 4294967295 : toUint32(limit);
            if (lim === 0) { return a; }
            if (s === '') {
              if (regExpExec(splitter, s) === null) { a.push(s); }
              return a;
            }
            var size = s.length, p = 0, q = 0;
            while (q < size) {
              splitter.lastIndex = q;
              var z = regExpExec(splitter, s);
              if (z === null) { q = advance(s, q, unicodeMatching); continue; }
              var e = toLength(splitter.lastIndex);
              if (e > size) { e = size; }
              if (e === p) { q = advance(s, q, unicodeMatching); continue; }
              a.push(s.slice(p, q));
              if (a.length === lim) { return a; }
              p = e;
              var numberOfCaptures = toLength(z.length);
              for (var i = 1; i < numberOfCaptures; i++) {
                a.push(z[i]);
                if (a.length === lim) { return a; }
              }
              q = p;
            }
            a.push(s.slice(p, size));
            return a;
          }
          return { replace: replace, split: split };
        })
        """, "sandbox");

    /// <summary>The one instance of each engine: the replace and split steps of <see cref="SandboxSetup"/> share it.</summary>
    private static readonly ConditionalWeakTable<Engine, ScriptExecAlgorithms> PerEngine = new();

    private readonly Function _replace;
    private readonly Function _split;

    /// <summary>The algorithms of <paramref name="engine"/>, built on first use, which must be before <see cref="Lockdown"/>.</summary>
    public static ScriptExecAlgorithms Of(Engine engine, int maxStringLength) =>
        PerEngine.GetValue(engine, _ => new ScriptExecAlgorithms(engine, (ErrorConstructor)engine.Global.Get("RangeError"), maxStringLength));

    private ScriptExecAlgorithms(Engine engine, ErrorConstructor rangeError, int maxStringLength)
    {
        var intrinsics = engine.Intrinsics;
        var regExp = engine.Global.Get("RegExp").AsObject();
        var reflect = engine.Global.Get("Reflect");
        JsValue Native(string name, Func<JsValue[], JsValue> body) => new ClrFunction(engine, name, (_, args) => body(args));
        var algorithms = engine.Invoke(engine.Evaluate(Source),
            intrinsics.TypeError, regExp, engine.Global.Get("Symbol").Get("species"), reflect.Get("apply"), reflect.Get("construct"),
            regExp.Get("prototype").Get("exec"),
            Native("toStr", args => JsString.Create(TypeConverter.ToString(BuiltIns.Arg(args, 0)))),
            Native("toLength", args => JsNumber.Create((double)TypeConverter.ToLength(BuiltIns.Arg(args, 0)))),
            Native("toInteger", args => JsNumber.Create(TypeConverter.ToIntegerOrInfinity(BuiltIns.Arg(args, 0)))),
            Native("toUint32", args => JsNumber.Create(TypeConverter.ToUint32(BuiltIns.Arg(args, 0)))),
            Native("toObject", args => BuiltIns.ToObject(engine, BuiltIns.Arg(args, 0))),
            Native("isCallable", args => BuiltIns.Arg(args, 0).IsCallable() ? JsBoolean.True : JsBoolean.False),
            Native("isConstructor", args => BuiltIns.Arg(args, 0).IsConstructor() ? JsBoolean.True : JsBoolean.False),
            Native("substitute", args => Substitute(engine, args)),
            Native("refuse", _ => throw BuiltIns.Refusal(rangeError, $"replace would build a string longer than {maxStringLength} characters (Sandbox.MaxStringLength)")),
            JsNumber.Create(maxStringLength)).AsObject();
        _replace = (Function)algorithms.Get("replace");
        _split = (Function)algorithms.Get("split");
    }

    /// <summary>The standard's <c>RegExp.prototype[Symbol.replace]</c> on <paramref name="regExp"/>, an object.</summary>
    public JsValue Replace(JsValue regExp, JsValue text, JsValue replacement) => _replace.Call(JsValue.Undefined, [regExp, text, replacement]);

    /// <summary>The standard's <c>RegExp.prototype[Symbol.split]</c> on <paramref name="regExp"/>, an object.</summary>
    public JsValue Split(JsValue regExp, JsValue text, JsValue limit) => _split.Call(JsValue.Undefined, [regExp, text, limit]);

    /// <summary>
    /// GetSubstitution for (matched, string, position, captures, named captures, template, budget), through
    /// <see cref="ReplacementPatterns.Substitute"/> with the arguments a replacement function would receive; null past the budget.
    /// </summary>
    private static JsValue Substitute(Engine engine, JsValue[] args)
    {
        var captures = (ArrayInstance)args[3];
        var count = (int)TypeConverter.ToLength(captures.Get(BuiltIns.LengthKey));
        var groups = args[4];
        var replacerArgs = new JsValue[count + 3 + (groups.IsUndefined() ? 0 : 1)];
        replacerArgs[0] = args[0];
        for (var i = 0; i < count; i++)
        {
            replacerArgs[i + 1] = captures[(uint)i];
        }

        replacerArgs[count + 1] = args[2];
        replacerArgs[count + 2] = args[1];
        if (!groups.IsUndefined())
        {
            replacerArgs[^1] = groups;
        }

        return ReplacementPatterns.Substitute(engine, args[5].ToString(), replacerArgs, (long)args[6].AsNumber()) is { } text ? JsString.Create(text) : JsValue.Null;
    }
}
