using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace ScreenPopup.Scripting;

/// <summary>How the sandbox replaces a built-in function of a new engine, before <see cref="Lockdown"/> freezes it, and what the replacements share.</summary>
internal static class BuiltIns
{
    /// <summary>The <c>prototype</c> of a global constructor, such as <c>String.prototype</c>.</summary>
    public static ObjectInstance Prototype(Engine engine, string constructor) => engine.Global.Get(constructor).AsObject().Get("prototype").AsObject();

    /// <summary>
    /// Puts a native function in place of <paramref name="name"/> on <paramref name="owner"/>, with the same name, length
    /// and attributes; the replacement receives the original, <c>this</c> and the arguments.
    /// </summary>
    public static void Wrap(Engine engine, ObjectInstance owner, string name, Func<Function, JsValue, JsValue[], JsValue> replacement) =>
        Wrap(engine, owner, new JsString(name), name, replacement);

    /// <summary>
    /// <see cref="Wrap(Engine, ObjectInstance, string, Func{Function, JsValue, JsValue[], JsValue})"/> for a property whose
    /// key is not its function's name, such as <c>RegExp.prototype[Symbol.match]</c> (named <c>[Symbol.match]</c>).
    /// </summary>
    public static void Wrap(Engine engine, ObjectInstance owner, JsValue key, string name, Func<Function, JsValue, JsValue[], JsValue> replacement)
    {
        var original = (Function)owner.Get(key);
        var wrapper = new ClrFunction(engine, name, (self, args) => replacement(original, self, args), (int)TypeConverter.ToNumber(original.Get("length")), PropertyFlag.Configurable);
        owner.DefineOwnProperty(key, new PropertyDescriptor(wrapper, PropertyFlag.Writable | PropertyFlag.Configurable));
    }

    /// <summary>
    /// <see cref="Wrap(Engine, ObjectInstance, string, Func{Function, JsValue, JsValue[], JsValue})"/> for a
    /// <c>String.prototype</c> method: a <c>null</c> or <c>undefined</c> receiver goes to the original (the engine's
    /// <c>TypeError</c>); any other is converted to a string once, first, as the standard does, and the replacement
    /// receives that string (to hand on to the original, so that an object's <c>toString</c> does not run twice).
    /// </summary>
    public static void WrapStringMethod(Engine engine, ObjectInstance stringPrototype, string name, Func<Function, string, JsValue[], JsValue> replacement) =>
        Wrap(engine, stringPrototype, name, (original, self, args) =>
            self.IsNull() || self.IsUndefined() ? original.Call(self, args) : replacement(original, TypeConverter.ToString(self), args));

    /// <summary>The argument at <paramref name="index"/>, or <c>undefined</c>.</summary>
    public static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    /// <summary>The key <c>length</c>.</summary>
    public static readonly JsString LengthKey = new("length");

    /// <summary>The start of every refusal's message, by which the runner reports it as <see cref="PopupReason.ScriptLimit"/>.</summary>
    public const string RefusalPrefix = "sandbox limit: ";

    /// <summary>The error a refused call throws; the message is built only then, never on the path that passes.</summary>
    public static JavaScriptException Refusal(ErrorConstructor rangeError, string message) => new(rangeError, RefusalPrefix + message);

    /// <summary>The standard's <c>Invoke(V, P, arguments)</c>: a <c>TypeError</c> when the method is not callable.</summary>
    public static JsValue Invoke(Engine engine, JsValue value, JsString name, JsValue[] arguments)
    {
        var method = ToObject(engine, value).Get(name, value);
        return method.IsCallable()
            ? engine.Call(method, value, arguments)
            : throw new JavaScriptException(engine.Intrinsics.TypeError, $"{name} is not a function");
    }

    /// <summary>The standard's <c>ToObject</c>: a <c>TypeError</c> for <c>null</c> and <c>undefined</c>.</summary>
    public static ObjectInstance ToObject(Engine engine, JsValue value) => value.IsNull() || value.IsUndefined()
        ? throw new JavaScriptException(engine.Intrinsics.TypeError, "Cannot convert undefined or null to object")
        : (ObjectInstance)engine.Intrinsics.Object.Call(JsValue.Undefined, [value]);
}
