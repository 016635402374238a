using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;

namespace ScreenPopup.Tests;

/// <summary>
/// The sandbox freezes every built-in, and must not bring the "override mistake" with it: an object inheriting from a
/// built-in prototype can be given its own property of any name the prototype has, as in standard JavaScript. Enumerated:
/// every writable data property of every prototype a plain engine has, assigned in strict code on a new object inheriting it.
/// </summary>
public sealed class OverrideMistakeTests
{
    /// <summary>Prototypes reachable only through syntax; the rest are reached from the global object.</summary>
    private static readonly string[] Roots =
    [
        "globalThis", "Object.getPrototypeOf(function* () {})", "Object.getPrototypeOf(async function () {})", "Object.getPrototypeOf(async function* () {})",
        "Object.getPrototypeOf([][Symbol.iterator]())", "Object.getPrototypeOf(new Map()[Symbol.iterator]())", "Object.getPrototypeOf(new Set()[Symbol.iterator]())",
        "Object.getPrototypeOf(''[Symbol.iterator]())", "Object.getPrototypeOf(''.matchAll(/x/g))",
    ];

    /// <summary>The properties that keep the mistake, each for a reason written where the sandbox decides it.</summary>
    private static readonly string[] KeptAsData =
    [
        "Array.prototype.length", // Array.prototype is itself an array, whose length cannot become an accessor
        "RegExp.prototype.exec", // Jint recognises its own exec only as a data property (Lockdown.MakeOverridable)
    ];

    [Fact]
    public void EveryWritablePropertyOfEveryBuiltInPrototype_CanBeGivenToAnObjectInheritingIt()
    {
        var properties = WritablePrototypeProperties(new Engine());
        var sandbox = new SandboxEngine(TestEvaluators.RelaxedLimits()).Engine;
        var assign = sandbox.Evaluate("""
            (function (prototype, key) {
              'use strict';
              var before = prototype[key];
              var own = Object.create(prototype);
              try { own[key] = 42; } catch (e) { return 'threw ' + e.name; }
              var descriptor = Object.getOwnPropertyDescriptor(own, key);
              return descriptor && descriptor.value === 42 && descriptor.writable && descriptor.enumerable && descriptor.configurable
                ? (prototype[key] === before ? 'own' : 'prototype changed') : 'not own';
            })
            """);
        var outcomes = new List<(string Path, string Outcome)>();
        foreach (var (prototype, key, path) in properties)
        {
            var reached = sandbox.Evaluate($"(function () {{ try {{ return {prototype}; }} catch (e) {{ return undefined; }} }})()");
            if (reached is ObjectInstance)
            {
                // Unreachable in the sandbox (a removed global such as Int8Array): nothing a script can assign through.
                outcomes.Add((path, sandbox.Invoke(assign, reached, sandbox.Evaluate(key)).ToString()));
            }
        }

        outcomes.Count.Should().BeGreaterThan(500, "the realm's prototypes have hundreds of methods");
        outcomes.Where(o => o.Outcome != "own").Select(o => o.Path).Should().BeEquivalentTo(KeptAsData, "outcomes: {0}", string.Join(", ", outcomes.Where(o => o.Outcome != "own")));
    }

    [Theory]
    [InlineData("var e = Object.create(Error.prototype); e.name = 'Mine'; e.message = 'm'; String(e)", "Mine: m")]
    [InlineData("function Point() {} Point.prototype = Object.create(Array.prototype); var p = new Point(); p.join = function () { return 'own'; }; p.join()", "own")]
    [InlineData("var o = Object.create(Map.prototype); o.get = 1; o.set = 2; [o.get, o.set].join()", "1,2")]
    [InlineData("var o = {}; o.hasOwnProperty = 1; o.valueOf = 2; o.hasOwnProperty + o.valueOf", "3")]
    [InlineData("var o = Object.create(Promise.prototype); o.then = 5; o.then", "5")]
    [InlineData("var f = function () {}; f.call = 1; f.bind = 2; f.call + f.bind", "3")]
    [InlineData("var o = Object.freeze(Object.create({})); o.toString = 1; typeof o.toString", "function")]
    [InlineData("try { String.prototype.trim = null; 'no throw'; } catch (e) { e.name + ': ' + e.message }", "TypeError: Cannot assign to 'trim' of a built-in: built-ins are frozen in the popup sandbox; use a helper function of the script's own")]
    [InlineData("try { Array.prototype.hasOwnProperty = null; 'no throw'; } catch (e) { e.name }", "TypeError")]
    [InlineData("try { Object.getOwnPropertyDescriptor(Object.prototype, 'toString').set.call(Math, 1); 'no throw'; } catch (e) { e.name + ',' + typeof Math.toString }", "TypeError,function")]
    [InlineData("var set = Object.getOwnPropertyDescriptor(Object.prototype, 'valueOf').set; set.call(globalThis, 7); globalThis.valueOf", "7")]
    [InlineData("'use strict'; 'abc'.toString = 1; typeof 'abc'.toString", "function")]
    [InlineData("var o = { lastIndex: 0, flags: '', exec: function () { if (this.d) { return null; } this.d = 1; return { length: 1, 0: 'b', index: 1, groups: 'XYZ' }; } }; RegExp.prototype[Symbol.replace].call(o, 'abc', '[$`|$\\'|$<0>]')", "a[a|c|X]c")]
    // Through an accessor an assignment cannot report failure: Reflect.set says true (the standard says false), and changes nothing.
    [InlineData("var o = Object.defineProperty({}, 'toString', { value: 1, writable: false }); Reflect.set(Object.prototype, 'toString', 2, o) + ',' + o.toString", "true,1")]
    public void Assignment_ThroughATamedPrototype_IsTheStandardOne(string script, string expected)
    {
        var sandbox = new SandboxEngine(TestEvaluators.RelaxedLimits()).Engine;

        sandbox.Evaluate(script).ToString().Should().Be(expected);
    }

    /// <summary>
    /// Each writable, configurable data property of each prototype of a plain engine (an object other objects inherit from,
    /// or a function's <c>prototype</c>), as source for the prototype and the key, and a readable path.
    /// </summary>
    private static List<(string Prototype, string Key, string Path)> WritablePrototypeProperties(Engine engine)
    {
        var paths = new Dictionary<ObjectInstance, string>(ReferenceEqualityComparer.Instance);
        var pending = new Queue<ObjectInstance>();
        foreach (var root in Roots)
        {
            Visit(engine.Evaluate(root).AsObject(), root);
        }

        var prototypes = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        while (pending.TryDequeue(out var current))
        {
            var path = paths[current];
            if (current.Prototype is { } prototype)
            {
                prototypes.Add(prototype);
                Visit(prototype, $"Object.getPrototypeOf({path})");
            }

            foreach (var key in current.GetOwnPropertyKeys(Types.String | Types.Symbol))
            {
                var descriptor = current.GetOwnProperty(key);
                if (descriptor.IsAccessorDescriptor())
                {
                    Visit(descriptor.Get, $"Object.getOwnPropertyDescriptor({path}, {Source(key)}).get");
                    Visit(descriptor.Set, $"Object.getOwnPropertyDescriptor({path}, {Source(key)}).set");
                }
                else
                {
                    Visit(descriptor.Value, $"{path}[{Source(key)}]");
                    if (current is Function && key.ToString() == "prototype" && descriptor.Value is ObjectInstance instancesPrototype)
                    {
                        prototypes.Add(instancesPrototype);
                    }
                }
            }
        }

        return [..
            from prototype in prototypes
            where paths.ContainsKey(prototype) && !ReferenceEquals(prototype, engine.Global)
            from key in prototype.GetOwnPropertyKeys(Types.String | Types.Symbol)
            let descriptor = prototype.GetOwnProperty(key)
            where descriptor.IsDataDescriptor() && descriptor.Writable && descriptor.Configurable || key.ToString() == "length" && prototype is Jint.Native.Array.ArrayInstance
            select (paths[prototype], Source(key), Readable(paths[prototype], key))];

        void Visit(JsValue? value, string path)
        {
            if (value is ObjectInstance target && paths.TryAdd(target, path))
            {
                pending.Enqueue(target);
            }
        }
    }

    private static string Source(JsValue key) => key.IsSymbol() ? key.ToString()[7..^1] : System.Text.Json.JsonSerializer.Serialize(key.ToString());

    /// <summary>A short name for a property: <c>Array.prototype.join</c> rather than <c>globalThis["Array"]["prototype"]["join"]</c>.</summary>
    private static string Readable(string prototype, JsValue key)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(prototype, "\\[\"([^\"]+)\"\\]", ".$1").Replace("globalThis.", "", StringComparison.Ordinal);
        return key.IsSymbol() ? $"{path}[{key.ToString()[7..^1]}]" : $"{path}.{key}";
    }
}
