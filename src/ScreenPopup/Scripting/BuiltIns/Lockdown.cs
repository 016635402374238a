using System.Reflection;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace ScreenPopup.Scripting;

/// <summary>
/// Freezes every built-in object of an engine once, as SES "lockdown" does, so that an engine can be reused: nothing a
/// script does to <c>Object.prototype</c>, <c>Array.prototype.push</c>, <c>JSON</c> or <c>Math.random</c> survives into the
/// next evaluation, because none of it can happen. The global object itself stays extensible (sloppy implicit globals
/// need it); a global snapshot restore undoes what a script does to it.
/// </summary>
/// <remarks>
/// Freezing brings the "override mistake": assigning a property that a frozen prototype holds (<c>obj.toString = f</c>,
/// <c>this.name = 'MyError'</c>) would silently fail in sloppy mode and throw in strict mode. For the properties scripts
/// commonly override (<see cref="Overridable"/>) the prototype keeps an accessor instead, whose setter defines the
/// property on the object assigned to, so those assignments behave as in an unfrozen engine.
/// </remarks>
internal static class Lockdown
{
    /// <summary>The legacy static properties of <c>RegExp</c> (<c>RegExp.$1</c>, <c>lastMatch</c>, …): they would show one caller's data to the next script.</summary>
    private static readonly string[] RegExpLegacyStatics =
        ["$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9", "input", "$_", "lastMatch", "$&", "lastParen", "$+", "leftContext", "$`", "rightContext", "$'"];

    private static readonly string[] ErrorConstructors =
        ["Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "AggregateError"];

    /// <summary>The built-in properties an assignment may override on an object that inherits them.</summary>
    private static IEnumerable<(string Constructor, string Property)> Overridable =>
    [
        ("Object", "constructor"), ("Object", "toString"), ("Object", "valueOf"), ("Object", "toLocaleString"),
        ("Function", "toString"),
        .. ErrorConstructors.SelectMany(error => new[] { (error, "constructor"), (error, "name"), (error, "message"), (error, "toString") }),
    ];

    /// <summary>
    /// Objects reachable only through syntax, not from a global: the prototypes of generators, async functions and
    /// iterators, and <c>%ThrowTypeError%</c>. <see cref="RealmIntrinsics"/> finds them too (and the iterator-helper
    /// prototypes, whose helpers the sandbox removes); these roots keep the walk complete on its own for what a script can reach.
    /// </summary>
    private static readonly Prepared<Script>[] SyntaxRoots =
    [
        .. new[]
        {
            "Object.getPrototypeOf(function* () {})", "Object.getPrototypeOf(async function () {})", "Object.getPrototypeOf(async function* () {})",
            "Object.getPrototypeOf([][Symbol.iterator]())", "Object.getPrototypeOf(new Map()[Symbol.iterator]())",
            "Object.getPrototypeOf(new Set()[Symbol.iterator]())", "Object.getPrototypeOf(''[Symbol.iterator]())",
            "Object.getPrototypeOf(''.matchAll(/x/g))", "Object.getPrototypeOf(Int8Array)",
            "Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get",
        }.Select(source => Engine.PrepareScript(source, "lockdown")),
    ];

    /// <summary>Removes the legacy <c>RegExp</c> statics, makes the common overrides assignable, and freezes every built-in.</summary>
    public static void Apply(Engine engine)
    {
        var global = engine.Global;
        var regExp = global.Get("RegExp").AsObject();
        foreach (var name in RegExpLegacyStatics)
        {
            regExp.Delete(name);
        }

        foreach (var (constructor, property) in Overridable)
        {
            MakeOverridable(engine, BuiltIns.Prototype(engine, constructor), property);
        }

        var freeze = global.Get("Object").Get("freeze");
        var frozen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance) { global };
        var pending = new Stack<ObjectInstance>();
        foreach (var root in SyntaxRoots)
        {
            Push(engine.Evaluate(root), frozen, pending);
        }

        foreach (var (_, intrinsic) in RealmIntrinsics(engine))
        {
            Push(intrinsic, frozen, pending);
        }

        PushProperties(global, frozen, pending);
        Push(global.Prototype, frozen, pending);
        while (pending.TryPop(out var target))
        {
            engine.Invoke(freeze, target);
            Push(target.Prototype, frozen, pending);
            PushProperties(target, frozen, pending);
        }
    }

    /// <summary>
    /// Every object of the realm's intrinsics (Jint's <see cref="Intrinsics"/>, whose members are partly internal), found by
    /// reflection because a walk from the global object misses intrinsics reachable only through internal operations
    /// (<c>%AsyncFromSyncIteratorPrototype%</c>, <c>%ThrowTypeError%</c>), and a new Jint version may add more: they are frozen
    /// without a change here. Reading a property creates the intrinsic, as its first use by a script would.
    /// </summary>
    internal static IEnumerable<(string Name, ObjectInstance Value)> RealmIntrinsics(Engine engine)
    {
        foreach (var property in typeof(Intrinsics).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (typeof(ObjectInstance).IsAssignableFrom(property.PropertyType) && property.GetIndexParameters().Length == 0
                && property.GetValue(engine.Intrinsics) is ObjectInstance intrinsic)
            {
                yield return (property.Name, intrinsic);
            }
        }
    }

    private static void PushProperties(ObjectInstance target, HashSet<ObjectInstance> seen, Stack<ObjectInstance> pending)
    {
        foreach (var key in target.GetOwnPropertyKeys(Types.String | Types.Symbol))
        {
            var descriptor = target.GetOwnProperty(key);
            if (descriptor.IsAccessorDescriptor())
            {
                Push(descriptor.Get, seen, pending);
                Push(descriptor.Set, seen, pending);
            }
            else
            {
                Push(descriptor.Value, seen, pending);
            }
        }
    }

    private static void Push(JsValue? value, HashSet<ObjectInstance> seen, Stack<ObjectInstance> pending)
    {
        if (value is ObjectInstance target && seen.Add(target))
        {
            pending.Push(target);
        }
    }

    /// <summary>
    /// Replaces a data property of a prototype by an accessor: reading gives the same value; assigning through an object
    /// that inherits it defines the property on that object, as it would without the freeze.
    /// </summary>
    private static void MakeOverridable(Engine engine, ObjectInstance prototype, string name)
    {
        var existing = prototype.GetOwnProperty(name);
        if (existing == PropertyDescriptor.Undefined || existing.IsAccessorDescriptor())
        {
            return;
        }

        var value = existing.Value;
        var getter = new ClrFunction(engine, "get " + name, (_, _) => value, 0, PropertyFlag.Configurable);
        var setter = new ClrFunction(engine, "set " + name, (self, args) =>
        {
            if (ReferenceEquals(self, prototype))
            {
                throw new JavaScriptException(engine.Intrinsics.TypeError, $"Cannot assign to '{name}' of a built-in prototype: built-ins are frozen in the popup sandbox");
            }

            // As for any assignment, a property set on a primitive value is dropped.
            (self as ObjectInstance)?.DefineOwnProperty(name, new PropertyDescriptor(args.Length > 0 ? args[0] : JsValue.Undefined, PropertyFlag.ConfigurableEnumerableWritable));
            return JsValue.Undefined;
        }, 1, PropertyFlag.Configurable);
        prototype.DefineOwnProperty(name, new GetSetPropertyDescriptor(getter, setter, enumerable: existing.Enumerable, configurable: false));
    }
}
