using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;
using Jint.Runtime.Interop;

namespace ScreenPopup.Scripting;

/// <summary>
/// Closes a hole in Jint 4.18's freeze: <c>Array.of</c>, <c>Array.prototype.slice</c> and <c>Array.prototype.concat</c>
/// write into the array a script's constructor returns even when it is frozen, where the standard throws a
/// <c>TypeError</c>. A tagged template's strings arrays are frozen and kept by the engine from one evaluation to the next,
/// so <c>Array.of.call(() =&gt; strings, call.CALL_CLI)</c> would show one caller's number to the next (reproduction:
/// <c>docs/jint-frozen-array-writes.md</c>). Installed once per engine (<see cref="SandboxSetup"/>).
/// </summary>
/// <remarks>
/// The engine's own implementation still serves the common case, where the result is a new array the engine makes:
/// <c>Array.of</c> on <c>Array</c>, <c>slice</c> and <c>concat</c> on a primitive or on a plain array that inherits
/// <c>Array.prototype</c>'s constructor. Anything else (a constructor of the script's, an array with its own
/// <c>constructor</c>, a proxy, an array-like) runs the standard's algorithm written in JavaScript below, which adds each
/// element with <c>Object.defineProperty</c>: that refuses a frozen target, and runs under every limit of the sandbox.
/// </remarks>
internal static class FrozenArrayWrites
{
    /// <summary>The standard's <c>ArraySpeciesCreate</c>, <c>slice</c>, <c>concat</c> and <c>of</c>, over intrinsics captured before any script runs.</summary>
    private static readonly Prepared<Script> StandardAlgorithms = Engine.PrepareScript("""
        (function (ArrayIntrinsic, ObjectIntrinsic, TypeErrorIntrinsic, isConstructor, set, defineProperty, isArray, floor, species, spreadable) {
          'use strict';
          var maxSafe = 9007199254740991;
          function isObject(v) { return v !== null && (typeof v === 'object' || typeof v === 'function'); }
          function toObject(v) { if (v === null || v === undefined) { throw new TypeErrorIntrinsic('Array.prototype method called on null or undefined'); } return ObjectIntrinsic(v); }
          function toInteger(v) { var n = +v; if (n !== n) { return 0; } if (n === Infinity || n === -Infinity) { return n; } return n < 0 ? -floor(-n) : floor(n); }
          function lengthOf(o) { var n = toInteger(o.length); return n <= 0 ? 0 : n > maxSafe ? maxSafe : n; }
          function put(a, k, v) { defineProperty(a, k, { value: v, writable: true, enumerable: true, configurable: true }); }
          function setLength(a, n) { if (!set(a, 'length', n)) { throw new TypeErrorIntrinsic("Cannot assign to read only property 'length'"); } }
          function relative(v, len, fallback) { var r = v === undefined ? fallback : toInteger(v); return r === -Infinity ? 0 : r < 0 ? (len + r > 0 ? len + r : 0) : (r < len ? r : len); }
          function speciesCreate(o, length) {
            if (!isArray(o)) { return new ArrayIntrinsic(length); }
            var c = o.constructor;
            if (isObject(c)) { c = c[species]; if (c === null) { c = undefined; } }
            if (c === undefined) { return new ArrayIntrinsic(length); }
            if (!isConstructor(c)) { throw new TypeErrorIntrinsic('object.constructor[Symbol.species] is not a constructor'); }
            return new c(length);
          }
          function slice(start, end) {
            var o = toObject(this), len = lengthOf(o), k = relative(start, len, 0), last = relative(end, len, len);
            var a = speciesCreate(o, last > k ? last - k : 0), n = 0;
            for (; k < last; k++, n++) { if (k in o) { put(a, n, o[k]); } }
            setLength(a, n);
            return a;
          }
          function isSpreadable(e) { if (!isObject(e)) { return false; } var s = e[spreadable]; return s !== undefined ? !!s : isArray(e); }
          function concat() {
            var o = toObject(this), a = speciesCreate(o, 0), n = 0;
            for (var i = -1; i < arguments.length; i++) {
              var e = i < 0 ? o : arguments[i];
              if (isSpreadable(e)) {
                var len = lengthOf(e);
                if (n + len > maxSafe) { throw new TypeErrorIntrinsic('concat would make an array longer than 2^53 - 1'); }
                for (var k = 0; k < len; k++, n++) { if (k in e) { put(a, n, e[k]); } }
              } else {
                if (n >= maxSafe) { throw new TypeErrorIntrinsic('concat would make an array longer than 2^53 - 1'); }
                put(a, n++, e);
              }
            }
            setLength(a, n);
            return a;
          }
          function of() {
            var len = arguments.length, a = isConstructor(this) ? new this(len) : new ArrayIntrinsic(len);
            for (var k = 0; k < len; k++) { put(a, k, arguments[k]); }
            setLength(a, len);
            return a;
          }
          return { slice: slice, concat: concat, of: of };
        })
        """, "sandbox");

    private static readonly JsString ConstructorKey = new("constructor");

    /// <summary>Wraps the three built-ins so that anything but the engine's own array goes through the standard's algorithm.</summary>
    public static void Apply(Engine engine)
    {
        var intrinsics = engine.Intrinsics;
        var array = intrinsics.Array;
        var arrayPrototype = BuiltIns.Prototype(engine, "Array");
        var reflect = engine.Global.Get("Reflect");
        // The standard's IsConstructor looks at no property: a script-level test (Reflect.construct) would read "prototype".
        var isConstructor = new ClrFunction(engine, "isConstructor", (_, args) => BuiltIns.Arg(args, 0).IsConstructor() ? JsBoolean.True : JsBoolean.False, 1);
        var algorithms = engine.Invoke(engine.Evaluate(StandardAlgorithms), array, intrinsics.Object, intrinsics.TypeError, isConstructor, reflect.Get("set"),
            intrinsics.Object.Get("defineProperty"), array.Get("isArray"), engine.Global.Get("Math").Get("floor"), engine.Global.Get("Symbol").Get("species"),
            engine.Global.Get("Symbol").Get("isConcatSpreadable")).AsObject();

        var of = algorithms.Get("of");
        BuiltIns.Wrap(engine, array, "of", (original, self, args) =>
            ReferenceEquals(self, array) || !self.IsConstructor() ? original.Call(self, args) : engine.Call(of, self, args));

        foreach (var name in new[] { "slice", "concat" })
        {
            var standard = algorithms.Get(name);
            BuiltIns.Wrap(engine, arrayPrototype, name, (original, self, args) =>
                self is not ObjectInstance || IsPlainArray(self, arrayPrototype) ? original.Call(self, args) : engine.Call(standard, self, args));
        }
    }

    /// <summary>An array whose species is the engine's own <c>Array</c>: it inherits <c>constructor</c> from the (frozen) <c>Array.prototype</c>.</summary>
    private static bool IsPlainArray(JsValue value, ObjectInstance arrayPrototype) =>
        value is ArrayInstance array && ReferenceEquals(array.Prototype, arrayPrototype) && !array.HasOwnProperty(ConstructorKey);
}
