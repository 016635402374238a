using System.Reflection;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Function;
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
/// <c>this.name = 'MyError'</c>, <c>o.size = 3</c> on an object inheriting from a built-in) would silently fail in sloppy mode
/// and throw in strict mode. As the hardened-JavaScript world does, every writable data property of every built-in
/// prototype becomes an accessor whose setter defines the property on the object assigned to, so those assignments behave
/// as in an unfrozen engine.
/// </remarks>
internal static class Lockdown
{
    /// <summary>The legacy static properties of <c>RegExp</c> (<c>RegExp.$1</c>, <c>lastMatch</c>, …): they would show one caller's data to the next script.</summary>
    private static readonly string[] RegExpLegacyStatics =
        ["$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9", "input", "$_", "lastMatch", "$&", "lastParen", "$+", "leftContext", "$`", "rightContext", "$'"];

    private static readonly string[] ErrorConstructors =
        ["Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "AggregateError"];

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

    /// <summary>Removes the legacy <c>RegExp</c> statics, makes inherited built-in properties assignable, and freezes every built-in.</summary>
    public static void Apply(Engine engine)
    {
        var regExp = engine.Global.Get("RegExp").AsObject();
        foreach (var name in RegExpLegacyStatics)
        {
            regExp.Delete(name);
        }

        var builtIns = Reachable(engine);
        var frozen = new HashSet<ObjectInstance>(builtIns, ReferenceEqualityComparer.Instance);
        var keptAsData = BuiltIns.Prototype(engine, "RegExp");
        foreach (var prototype in Prototypes(builtIns))
        {
            MakeOverridable(engine, prototype, ReferenceEquals(prototype, keptAsData) ? ExecKey : null, frozen);
        }

        // The accessors' functions are built-ins too (MakeOverridable added them); they reach nothing else.
        var freeze = engine.Global.Get("Object").Get("freeze");
        foreach (var target in frozen)
        {
            engine.Invoke(freeze, target);
        }
    }

    /// <summary>
    /// Every built-in object a script can reach other than the global object (which stays extensible, for sloppy implicit globals):
    /// from the syntax roots, the realm's intrinsics and the global object, through prototypes and every property, getter
    /// and setter.
    /// </summary>
    private static List<ObjectInstance> Reachable(Engine engine)
    {
        var global = engine.Global;
        var found = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance) { global };
        var pending = new Stack<ObjectInstance>();
        foreach (var root in SyntaxRoots)
        {
            Push(engine.Evaluate(root), found, pending);
        }

        foreach (var (_, intrinsic) in RealmIntrinsics(engine))
        {
            Push(intrinsic, found, pending);
        }

        PushProperties(global, found, pending);
        Push(global.Prototype, found, pending);
        var reachable = new List<ObjectInstance>();
        while (pending.TryPop(out var target))
        {
            reachable.Add(target);
            Push(target.Prototype, found, pending);
            PushProperties(target, found, pending);
        }

        return reachable;
    }

    /// <summary>The objects among <paramref name="builtIns"/> that other objects inherit from: a prototype of one of them, or a function's <c>prototype</c>.</summary>
    private static HashSet<ObjectInstance> Prototypes(List<ObjectInstance> builtIns)
    {
        var prototypes = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        foreach (var builtIn in builtIns)
        {
            if (builtIn.Prototype is { } prototype)
            {
                prototypes.Add(prototype);
            }

            if (builtIn is Function && builtIn.GetOwnProperty(PrototypeKey) is { Value: ObjectInstance instancesPrototype } descriptor && descriptor.IsDataDescriptor())
            {
                prototypes.Add(instancesPrototype);
            }
        }

        return prototypes;
    }

    private static readonly JsString PrototypeKey = new("prototype");

    private static readonly JsString ExecKey = new("exec");

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
    /// Replaces each writable data property of a prototype by an accessor: reading gives the same value; assigning through
    /// an object that inherits it defines the property on that object, as it would without the freeze. A property that
    /// was not writable stays as it is (assigning it fails in standard JavaScript too), and so does one the object cannot
    /// turn into an accessor (the <c>length</c> of <c>Array.prototype</c>, itself an array).
    /// </summary>
    /// <remarks>
    /// One property is kept as it is (<paramref name="kept"/>): <c>RegExp.prototype.exec</c>. Jint recognises its own
    /// <c>exec</c> only as a data property and otherwise runs every regular expression operation through the generic
    /// protocol: a global <c>match</c> of 51,000 matches then allocated past the 16 MB memory limit. Assigning <c>exec</c> to
    /// an object that inherits from <c>RegExp.prototype</c> stays refused (docs/scripts.md lists it).
    /// </remarks>
    private static void MakeOverridable(Engine engine, ObjectInstance prototype, JsString? kept, HashSet<ObjectInstance> builtIns)
    {
        foreach (var key in prototype.GetOwnPropertyKeys(Types.String | Types.Symbol))
        {
            var existing = prototype.GetOwnProperty(key);
            if (existing.IsDataDescriptor() && existing.Writable && existing.Configurable && !key.Equals(kept))
            {
                var accessor = Overridable(engine, key, existing, builtIns);
                prototype.DefineOwnProperty(key, accessor);
                builtIns.Add((ObjectInstance)accessor.Get!);
                builtIns.Add((ObjectInstance)accessor.Set!);
            }
        }
    }

    /// <summary>
    /// The accessor in place of <paramref name="existing"/>, the data property <paramref name="key"/> of a prototype. Its
    /// setter refuses every built-in as the object assigned to (the prototype itself, or another built-in that inherits
    /// the property, such as <c>Array.prototype.hasOwnProperty = f</c>) with a <c>TypeError</c>, in sloppy code too.
    /// </summary>
    private static GetSetPropertyDescriptor Overridable(Engine engine, JsValue key, PropertyDescriptor existing, HashSet<ObjectInstance> builtIns)
    {
        var value = existing.Value;
        var name = key.IsSymbol() ? $"[{key.ToString()[7..^1]}]" : key.ToString();
        var getter = new ClrFunction(engine, "get " + name, (_, _) => value, 0, PropertyFlag.Configurable);
        var setter = new ClrFunction(engine, "set " + name, (self, args) =>
        {
            if (self is ObjectInstance target && builtIns.Contains(target))
            {
                throw new JavaScriptException(engine.Intrinsics.TypeError, $"Cannot assign to '{name}' of a built-in: built-ins are frozen in the popup sandbox; use a helper function of the script's own");
            }

            // As for any assignment, a property set on a primitive value is dropped, and so is one an object refuses
            // (sloppy code's behaviour: the setter cannot tell strict code, which would throw).
            if (self is ObjectInstance receiver)
            {
                Assign(receiver, key, args.Length > 0 ? args[0] : JsValue.Undefined);
            }

            return JsValue.Undefined;
        }, 1, PropertyFlag.Configurable);
        return new GetSetPropertyDescriptor(getter, setter, enumerable: existing.Enumerable, configurable: false);
    }

    /// <summary>
    /// The standard's assignment to an object that does not find the property writable on itself (OrdinarySet, from step
    /// 2.c): a writable own data property takes the new value; without one, the property is created.
    /// </summary>
    private static void Assign(ObjectInstance receiver, JsValue key, JsValue value)
    {
        var own = receiver.GetOwnProperty(key);
        if (own == PropertyDescriptor.Undefined)
        {
            receiver.DefineOwnProperty(key, new PropertyDescriptor(value, PropertyFlag.ConfigurableEnumerableWritable));
        }
        else if (own.IsDataDescriptor() && own.Writable)
        {
            receiver.DefineOwnProperty(key, new PropertyDescriptor(value, writable: null, enumerable: null, configurable: null));
        }
    }
}
