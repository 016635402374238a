using System.Reflection;
using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace ScreenPopup.Tests;

/// <summary>
/// Every built-in the sandbox wraps or replaces, called in a sandboxed engine and in a plain one with the calls of
/// <c>Conformance/wrapped-built-ins.json</c>: the same result or error, the same operations on every traced value in the same
/// order (each conversion, read, write and call), and, for each of those operations in turn, the same outcome when it throws.
/// Where the sandbox must differ (a refusal past a limit) these calls stay far below the limits.
/// </summary>
public sealed class WrappedBuiltInsConformanceTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Scripting", "Conformance");

    /// <summary>The default limits but no deadline to meet: these tests compare behaviour, and a busy machine must not time a call out.</summary>
    private static readonly SandboxLimits Limits = SandboxLimits.Default with { Timeout = TimeSpan.FromMinutes(1), RegexTimeout = TimeSpan.FromMinutes(1) };

    private static readonly Lazy<Table> Calls = new(() => Table.Load(Path.Combine(Directory, "wrapped-built-ins.json")));

    public static TheoryData<string> BuiltIns() => [.. Calls.Value.BuiltIns.Keys];

    [Fact]
    public void EveryWrappedBuiltIn_HasConformanceCalls()
    {
        var wrapped = WrappedBuiltIns(new SandboxEngine(Limits).Engine);

        wrapped.Should().BeEquivalentTo(Calls.Value.BuiltIns.Keys, "each built-in the sandbox wraps or replaces is compared with the engine's own, and the table names no other");
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void WrappedBuiltIn_BehavesAsTheEnginesOwn_WhateverThrowsAndWhenever(string builtIn)
    {
        var (sandbox, plain) = (Traced(new SandboxEngine(Limits).Engine), Traced(new Engine(options => options.Constraints.RegexTimeout = Limits.RegexTimeout)));
        var disagreements = new List<string>();
        var calls = Calls.Value.CallsOf(builtIn).ToList();
        foreach (var (call, refused) in calls)
        {
            if (refused)
            {
                var outcome = Check(sandbox, call, throwAt: 0);
                if (outcome != Refusal)
                {
                    disagreements.Add($"{call}\n  sandbox: {outcome}\n  refusal: {Refusal}");
                }

                continue;
            }

            if (Calls.Value.StandardOutcomes.TryGetValue(call, out var standard))
            {
                if (Check(sandbox, call, throwAt: 0) is var outcome && outcome != standard)
                {
                    disagreements.Add($"{call}\n  sandbox:  {outcome}\n  standard: {standard}");
                }

                continue;
            }

            var expected = Check(plain, call, throwAt: 0);
            var operations = (int)plain.Evaluate("log.length").AsNumber();
            for (var throwAt = 0; throwAt <= operations; throwAt++)
            {
                var (inSandbox, inPlain) = (Check(sandbox, call, throwAt), throwAt == 0 ? expected : Check(plain, call, throwAt));
                if (inSandbox != inPlain)
                {
                    disagreements.Add($"{call} (operation {throwAt} throwing)\n  sandbox: {inSandbox}\n  plain:   {inPlain}");
                    break;
                }
            }
        }

        calls.Should().NotBeEmpty();
        disagreements.Should().BeEmpty("{0} of {1} calls differ", disagreements.Count, calls.Count);
    }

    /// <summary>A refusal by the sandbox: a <c>RangeError</c> before anything was read from the arguments.</summary>
    private const string Refusal = "threw error RangeError | ";

    private static Engine Traced(Engine engine)
    {
        engine.Execute(File.ReadAllText(Path.Combine(Directory, "tracer.js")));
        return engine;
    }

    private static string Check(Engine engine, string call, int throwAt)
    {
        try
        {
            return engine.Evaluate($"check(function () {{ return {call}; }}, {throwAt})").ToString();
        }
        catch (JavaScriptException e)
        {
            return "escaped " + e.Message; // a throw the call's own try did not see, such as a refusal by the sandbox
        }
    }

    /// <summary>
    /// The functions reachable from the global object that the sandbox made: native functions whose code is in the
    /// ScreenPopup assembly, and script functions (no built-in is one). The accessors <see cref="Lockdown"/> puts on frozen
    /// prototypes in place of data properties are read through: their values are what the walk follows.
    /// </summary>
    private static List<string> WrappedBuiltIns(Engine engine)
    {
        var ours = typeof(SandboxEngine).Assembly;
        var code = typeof(ClrFunction).GetField("_func", BindingFlags.Instance | BindingFlags.NonPublic)!;
        MethodInfo? CodeOf(JsValue? function) => function is ClrFunction native ? ((Delegate)code.GetValue(native)!).Method : null;
        static bool IsLockdowns(MethodInfo? method) => method?.DeclaringType?.FullName?.StartsWith(typeof(Lockdown).FullName!, StringComparison.Ordinal) == true;
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance) { engine.Global };
        var pending = new Queue<(ObjectInstance Value, string Path)>([(engine.Global, "")]);
        var found = new List<string>();
        while (pending.TryDequeue(out var current))
        {
            foreach (var key in current.Value.GetOwnPropertyKeys(Types.String | Types.Symbol))
            {
                var path = key.IsSymbol() ? $"{current.Path}[{key.ToString()[7..^1]}]" : current.Path.Length == 0 ? key.ToString() : $"{current.Path}.{key}";
                var descriptor = current.Value.GetOwnProperty(key);
                var values = !descriptor.IsAccessorDescriptor() ? [descriptor.Value]
                    : IsLockdowns(CodeOf(descriptor.Get)) ? [current.Value.Get(key)] // a tamed data property: its value
                    : new[] { descriptor.Get, descriptor.Set };
                foreach (var value in values)
                {
                    if (value is not ObjectInstance target || !seen.Add(target))
                    {
                        continue;
                    }

                    if (CodeOf(target) is { } method && method.Module.Assembly == ours && !IsLockdowns(method) || target is ScriptFunction)
                    {
                        found.Add(path);
                    }

                    pending.Enqueue((target, path));
                }
            }
        }

        return found;
    }

    private sealed record BuiltIn(string? This, string? Call, string[] Arguments, int[]? Refuses);

    private sealed record StandardOutcome(string Call, string Outcome, string Why);

    private sealed record Table(Dictionary<string, string[]> Pools, Dictionary<string, BuiltIn> BuiltIns, StandardOutcome[] Standard)
    {
        /// <summary>For each call where Jint departs from the standard, the standard's outcome.</summary>
        public Dictionary<string, string> StandardOutcomes { get; } = Standard.ToDictionary(entry => entry.Call, entry => entry.Outcome);

        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public static Table Load(string path) => JsonSerializer.Deserialize<Table>(File.ReadAllText(path), Json)!;

        /// <summary>
        /// Each receiver with each list of arguments drawn from the pools: none, then the first, the first two, and so on (a
        /// built-in with a call template takes all of them).
        /// </summary>
        public IEnumerable<(string Call, bool Refused)> CallsOf(string name)
        {
            var builtIn = BuiltIns[name];
            string[] receivers = builtIn.This is not null ? Pools[builtIn.This] : name.LastIndexOf('.') is var dot and > 0 ? [name[..dot]] : ["undefined"];
            var lists = new List<string[]> { Array.Empty<string>() };
            var longest = new List<string[]> { Array.Empty<string>() };
            foreach (var pool in builtIn.Arguments)
            {
                longest = [.. from list in longest from value in Pools[pool] select (string[])[.. list, value]];
                lists.AddRange(longest);
            }

            bool Refused(string[] list) => builtIn.Refuses?.Any(index => index < list.Length && list[index].StartsWith("traced(", StringComparison.Ordinal)) == true;
            return builtIn.Call is null
                ? from receiver in receivers from list in lists select ($"{name}.call({string.Join(", ", [receiver, .. list])})", Refused(list))
                : from receiver in receivers from list in longest select (Fill(builtIn.Call, receiver, list), Refused(list));
        }

        /// <summary>The call template with <c>{this}</c> and each <c>{n}</c> filled in, in one pass (a value may hold braces).</summary>
        private static string Fill(string template, string receiver, string[] arguments) =>
            System.Text.RegularExpressions.Regex.Replace(template, @"\{(this|\d)\}", match => match.Groups[1].Value == "this" ? receiver : arguments[int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }
}
