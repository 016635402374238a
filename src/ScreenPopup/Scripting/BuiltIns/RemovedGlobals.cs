using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime.Descriptors;

namespace ScreenPopup.Scripting;

/// <summary>The globals and built-in methods a popup script never gets.</summary>
internal static class RemovedGlobals
{
    /// <summary>Binary data: popups never need it, and typed arrays allocate past the engine's limit checks.</summary>
    private static readonly string[] BinaryData =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
        "Int32Array", "Uint32Array", "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
    ];

    /// <summary>
    /// Garbage-collection hooks: a <c>FinalizationRegistry</c> callback runs whenever the garbage collector decides, which in
    /// a reused engine would be in the middle of a later interaction's evaluation.
    /// </summary>
    private static readonly string[] GarbageCollectionHooks = ["WeakRef", "FinalizationRegistry"];

    /// <summary>The iterator helpers of <c>%IteratorPrototype%</c>, <c>%AsyncIteratorPrototype%</c>, <c>Iterator</c> and <c>AsyncIterator</c>, each owner parsed once per process.</summary>
    private static readonly (Prepared<Script> Owner, string[] Names)[] IteratorHelpers =
    [
        (Engine.PrepareScript("Object.getPrototypeOf(Object.getPrototypeOf([].values()))", "sandbox"),
            ["chunks", "drop", "every", "filter", "find", "flatMap", "forEach", "includes", "join", "map", "reduce", "some", "take", "toArray", "windows"]),
        (Engine.PrepareScript("AsyncIterator.prototype", "sandbox"), ["drop", "every", "filter", "find", "flatMap", "forEach", "map", "reduce", "some", "take", "toArray"]),
        (Engine.PrepareScript("Iterator", "sandbox"), ["concat", "from", "zip", "zipKeyed"]),
        (Engine.PrepareScript("AsyncIterator", "sandbox"), ["from"]),
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

    /// <summary>Makes the binary-data globals <c>undefined</c>, after <see cref="Lockdown"/> (which reaches their prototypes through them).</summary>
    public static void RemoveBinaryData(Engine engine) => MakeUndefined(engine, BinaryData);

    /// <summary>Makes <c>WeakRef</c> and <c>FinalizationRegistry</c> <c>undefined</c>, after <see cref="Lockdown"/>.</summary>
    public static void RemoveGarbageCollectionHooks(Engine engine) => MakeUndefined(engine, GarbageCollectionHooks);

    /// <summary>Not deleted: a deletion makes every later snapshot restore copy the whole global object.</summary>
    private static void MakeUndefined(Engine engine, string[] names)
    {
        foreach (var name in names)
        {
            engine.Global.FastSetProperty(name, new PropertyDescriptor(JsValue.Undefined, PropertyFlag.None));
        }
    }
}
