using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace ScreenPopup.Tests;

/// <summary>
/// Every object a script can reach in a pooled engine, other than what an evaluation creates for itself, must be frozen:
/// otherwise one evaluation can leave something for the next (another caller's, or another service's). These tests
/// enumerate instead of sampling: every intrinsic of the realm (by reflection over Jint's <c>Intrinsics</c>, so a Jint
/// upgrade that adds one fails here rather than leaks), every global, and the prototype chain of an instance of every
/// constructor and of every object syntax makes, followed through every property, getter and setter.
/// </summary>
public sealed class LockdownCompletenessTests
{
    /// <summary>Objects made by syntax or by calls rather than by a constructor: each one's prototype chain must be frozen.</summary>
    private static readonly string[] MadeBySyntax =
    [
        "[]", "({})", "/x/g", "(function () {})", "(function* () {})", "(async function () {})", "(async function* () {})", "(() => 1)",
        // A generator's or class instance's own prototype is its function's fresh prototype object: the shared one is next.
        "Object.getPrototypeOf((function* () {})())", "Object.getPrototypeOf((async function* () {})())", "(async function () {})()", "(class A {})",
        "Object.getPrototypeOf(new (class A {})())",
        "(function () { return arguments; })()", "(function () { 'use strict'; return arguments; })()", "(function () {}).bind(null)",
        "[][Symbol.iterator]()", "[].keys()", "[].entries()", "new Map().entries()", "new Map().keys()", "new Set().values()", "''[Symbol.iterator]()",
        "'ab'.matchAll(/a/g)", "[].values().map(function (x) { return x; })", "[].values().filter(function (x) { return x; })",
        "[].values().take(1)", "[].values().drop(1)", "[].values().flatMap(function (x) { return [x]; })",
        "Iterator.from({ next: function () { return { done: true }; } })", "AsyncIterator.from({ next: function () {} })",
        "AsyncIterator.from({ next: function () {} }).map(function (x) { return x; })",
        "Promise.resolve(1)", "new Proxy({}, {})", "Object(Symbol())", "Object(1n)", "Object(1)", "Object('s')", "Object(true)",
        "new Intl.Segmenter().segment('ab')", "new Intl.Segmenter().segment('ab')[Symbol.iterator]()",
        "Temporal.Now.instant()", "Temporal.Now.plainDateISO()", "new ShadowRealm()", "new DisposableStack()", "new AsyncDisposableStack()",
        "(function tag(s) { return s; })`a${1}b`", "(function tag(s) { return s.raw; })`a${1}b`", "JSON.parse('{\"a\":[1]}')",
        "new Error('x')", "new AggregateError([])", "new SuppressedError(1, 2)", "Array.from('ab')", "Object.groupBy([], function () {})",
        "Map.groupBy([], function () {})", "Promise.withResolvers()", "Object.getOwnPropertyDescriptor({ get a() { return 1; } }, 'a')",
    ];

    [Fact]
    public void EveryIntrinsic_IsFrozen_WithEverythingItReaches()
    {
        using var sandbox = new SandboxEngine(SandboxLimits.Default);
        var walk = new Walk(sandbox.Engine);

        foreach (var (name, intrinsic) in Lockdown.RealmIntrinsics(sandbox.Engine))
        {
            walk.From(intrinsic, $"%{name}%");
        }

        walk.Visited.Should().BeGreaterThan(900, "the realm has about a thousand built-in objects");
        walk.Unfrozen.Should().BeEmpty("{0} objects were walked", walk.Visited);
    }

    [Fact]
    public void EveryGlobal_IsFrozen_WithEverythingItReaches()
    {
        using var sandbox = new SandboxEngine(SandboxLimits.Default);
        var walk = new Walk(sandbox.Engine);
        var global = sandbox.Engine.Global;

        walk.From(global.Prototype!, "Object.getPrototypeOf(globalThis)");
        foreach (var key in global.GetOwnPropertyKeys(Types.String | Types.Symbol))
        {
            // CALL_POPUPINFO is a new array on every evaluation (CrossEvaluationLeakTests): the script's own to change.
            if (key.ToString() != "CALL_POPUPINFO")
            {
                walk.FromDescriptor(global.GetOwnProperty(key), "globalThis." + key);
            }
        }

        walk.Unfrozen.Should().BeEmpty("{0} objects were walked", walk.Visited);
    }

    [Fact]
    public void EveryConstructorsInstance_AndEveryObjectSyntaxMakes_HasAFrozenPrototypeChain()
    {
        using var sandbox = new SandboxEngine(SandboxLimits.Default);
        var engine = sandbox.Engine;
        var walk = new Walk(engine);
        var instances = new List<(JsValue Value, string Path)>();
        foreach (var source in MadeBySyntax)
        {
            // The sandbox removes some makers (the iterator helpers): what cannot be made cannot be reached.
            instances.Add((engine.Evaluate($"(function () {{ try {{ return {source}; }} catch (e) {{ return undefined; }} }})()"), source));
        }

        // Every constructor among the built-ins, called with no arguments (and with one, for those that need it).
        var constructors = new Walk(engine);
        constructors.From(engine.Global.Prototype!, "Object.getPrototypeOf(globalThis)");
        foreach (var (name, intrinsic) in Lockdown.RealmIntrinsics(engine))
        {
            constructors.From(intrinsic, $"%{name}%");
        }

        var construct = engine.Evaluate("(function (C, a) { try { return Reflect.construct(C, a); } catch (e) { return e; } })");
        foreach (var (constructor, path) in constructors.Objects.Where(o => o.Object.IsConstructor()))
        {
            foreach (var arguments in new[] { "[]", "[1]", "['2020-01-01']" })
            {
                instances.Add((engine.Invoke(construct, constructor, engine.Evaluate(arguments)), $"new {path}(...{arguments})"));
            }
        }

        foreach (var (value, path) in instances)
        {
            if (value is ObjectInstance instance && instance.Prototype is { } prototype)
            {
                walk.From(prototype, $"Object.getPrototypeOf({path})");
            }
        }

        instances.Count.Should().BeGreaterThan(MadeBySyntax.Length + 100, "every constructor was tried");
        walk.Unfrozen.Should().BeEmpty("{0} objects were walked", walk.Visited);
    }

    /// <summary>A walk over objects, through prototypes and every property (values, getters and setters), noting each unfrozen object with its path.</summary>
    private sealed class Walk(Engine engine)
    {
        private readonly HashSet<ObjectInstance> _seen = new(ReferenceEqualityComparer.Instance) { engine.Global };
        private readonly JsValue _isFrozen = engine.Evaluate("Object.isFrozen");

        public List<string> Unfrozen { get; } = [];

        public List<(ObjectInstance Object, string Path)> Objects { get; } = [];

        public int Visited => _seen.Count;

        public void From(ObjectInstance start, string path)
        {
            var pending = new Stack<(ObjectInstance, string)>();
            Push(start, path, pending);
            while (pending.TryPop(out var next))
            {
                var (target, at) = next;
                if (!engine.Invoke(_isFrozen, target).AsBoolean())
                {
                    Unfrozen.Add(at);
                }

                Push(target.Prototype, $"Object.getPrototypeOf({at})", pending);
                foreach (var key in target.GetOwnPropertyKeys(Types.String | Types.Symbol))
                {
                    var descriptor = target.GetOwnProperty(key);
                    Push(descriptor.Get, $"get {at}.{key}", pending);
                    Push(descriptor.Set, $"set {at}.{key}", pending);
                    if (!descriptor.IsAccessorDescriptor())
                    {
                        Push(descriptor.Value, $"{at}.{key}", pending);
                    }
                }
            }
        }

        public void FromDescriptor(Jint.Runtime.Descriptors.PropertyDescriptor descriptor, string path)
        {
            foreach (var value in new[] { descriptor.Get, descriptor.Set, descriptor.IsAccessorDescriptor() ? null : descriptor.Value })
            {
                if (value is ObjectInstance target)
                {
                    From(target, path);
                }
            }
        }

        private void Push(JsValue? value, string path, Stack<(ObjectInstance, string)> pending)
        {
            if (value is ObjectInstance target && _seen.Add(target))
            {
                Objects.Add((target, path));
                pending.Push((target, path));
            }
        }
    }
}
