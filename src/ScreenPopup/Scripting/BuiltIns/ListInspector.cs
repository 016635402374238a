using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace ScreenPopup.Scripting;

/// <summary>
/// Tells, for the <see cref="SingleCallLimits"/> gates, what a list passed to a built-in is and how many elements it holds,
/// without running any script code: no getter, no proxy trap, no conversion, so that a gate that lets the call through
/// leaves the standard's order of operations as it is.
/// </summary>
internal sealed class ListInspector
{
    private static readonly JsString LengthKey = new("length");

    private readonly ObjectInstance _stringPrototype;
    private readonly ObjectInstance _arrayPrototype;

    /// <summary>The engine's classes of proxies and of string objects, which Jint does not make public, learned from one of each.</summary>
    private readonly Type _proxyType;
    private readonly Type _stringObjectType;

    /// <summary>Learns the engine's built-in prototypes and object classes, before any script runs.</summary>
    public ListInspector(Engine engine)
    {
        _stringPrototype = BuiltIns.Prototype(engine, "String");
        _arrayPrototype = BuiltIns.Prototype(engine, "Array");
        _proxyType = engine.Evaluate("new Proxy({}, {})").GetType();
        _stringObjectType = engine.Evaluate("new String('')").GetType();
    }

    /// <summary>Whether the value is a <c>Proxy</c>.</summary>
    public bool IsProxy(JsValue value) => value.GetType() == _proxyType;

    /// <summary>
    /// How many elements a built-in would take from a value: a string's or string object's characters, an array's length;
    /// 0 for anything else (its elements are read by script code, under the limits). A proxy is not asked (see <see cref="IsProxy"/>).
    /// </summary>
    public long ElementCount(JsValue value) => value switch
    {
        JsString text => text.Length,
        ArrayInstance array => (long)TypeConverter.ToLength(array.Get(LengthKey)),
        ObjectInstance wrapper when wrapper.GetType() == _stringObjectType && wrapper.GetOwnProperty(LengthKey) is { Value: JsNumber length } => (long)length.AsNumber(),
        _ => 0,
    };

    /// <summary>
    /// Whether a value is iterable by something other than a string's or an array's own built-in iterator: an object with a
    /// <c>Symbol.iterator</c> of its own or inherited, other than an array or string object with its built-in prototype. A
    /// proxy on the way is taken for one (it is refused before); anything not iterable is not (the engine's own <c>TypeError</c>).
    /// </summary>
    public bool IsUncountedIterable(JsValue value)
    {
        if (value is not ObjectInstance list || IteratesAsBuiltIn(list))
        {
            return false;
        }

        for (var current = list; current is not null; current = current.Prototype)
        {
            if (IsProxy(current) || current.GetOwnProperty(GlobalSymbolRegistry.Iterator) != PropertyDescriptor.Undefined)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An array or string object with no iterator of its own and its built-in (frozen) prototype: iterated by the standard iterator, over its length.</summary>
    private bool IteratesAsBuiltIn(ObjectInstance list) =>
        (list is ArrayInstance ? ReferenceEquals(list.Prototype, _arrayPrototype) : list.GetType() == _stringObjectType && ReferenceEquals(list.Prototype, _stringPrototype))
        && list.GetOwnProperty(GlobalSymbolRegistry.Iterator) == PropertyDescriptor.Undefined;
}
