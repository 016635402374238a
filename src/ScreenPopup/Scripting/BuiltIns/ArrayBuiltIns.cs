using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Error;
using Jint.Native.Object;
using Jint.Runtime;

namespace ScreenPopup.Scripting;

/// <summary>
/// <c>Array.prototype.join</c> and <c>Array.prototype.toLocaleString</c> stop at <see cref="SandboxLimits.MaxStringLength"/>
/// characters and refuse arrays longer than <see cref="SandboxLimits.MaxArrayLength"/>: the engine's own build the whole
/// string between two limit checks.
/// </summary>
internal static class ArrayBuiltIns
{
    /// <summary>Wraps <c>join</c> and <c>toLocaleString</c>.</summary>
    public static void Apply(Engine engine, SandboxLimits limits)
    {
        var rangeError = (ErrorConstructor)engine.Global.Get("RangeError");
        var max = limits.MaxStringLength;
        var arrayPrototype = BuiltIns.Prototype(engine, "Array");
        BuiltIns.Wrap(engine, arrayPrototype, "join", (original, self, args) => self.IsNull() || self.IsUndefined()
            ? original.Call(self, args) // the engine's TypeError
            : Join(engine, rangeError, self, BuiltIns.Arg(args, 0), TypeConverter.ToString, max, limits.MaxArrayLength));
        var toLocaleStringKey = new JsString("toLocaleString");
        BuiltIns.Wrap(engine, arrayPrototype, "toLocaleString", (original, self, args) => self.IsNull() || self.IsUndefined()
            ? original.Call(self, args) // the engine's TypeError
            : Join(engine, rangeError, self, JsValue.Undefined, element => TypeConverter.ToString(BuiltIns.Invoke(engine, element, toLocaleStringKey, [BuiltIns.Arg(args, 0), BuiltIns.Arg(args, 1)])), max, limits.MaxArrayLength));
    }

    /// <summary>
    /// Array.prototype.join (or, with a <paramref name="convert"/> calling each element's <c>toLocaleString</c>,
    /// Array.prototype.toLocaleString) with the same result, refusing to build a string past the cap.
    /// </summary>
    private static JsValue Join(Engine engine, ErrorConstructor rangeError, JsValue self, JsValue separatorValue, Func<JsValue, string> convert, int max, int maxLength)
    {
        var target = self as ObjectInstance ?? (ObjectInstance)engine.Intrinsics.Object.Call(JsValue.Undefined, [self]);
        var length = TypeConverter.ToLength(target.Get(BuiltIns.LengthKey));
        if (length > (ulong)maxLength)
        {
            throw BuiltIns.Refusal(rangeError, $"join of {length} elements; the sandbox allows {maxLength} (Sandbox.MaxArrayLength)");
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
                throw BuiltIns.Refusal(rangeError, $"join would build a string longer than {max} characters (Sandbox.MaxStringLength)");
            }
        }

        return StringBuilderCache.GetStringAndRelease(result);
    }
}
