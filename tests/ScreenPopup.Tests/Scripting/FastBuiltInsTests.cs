using FsCheck;
using FsCheck.Fluent;
using Jint;
using Jint.Native;

namespace ScreenPopup.Tests;

/// <summary>
/// The sandbox's faster built-ins (<see cref="RegExpFastPath"/>, <see cref="DateBuiltIns"/>) and the ones it rewrites against
/// the engine's own implementations, on generated calls: the same result, the same <c>lastIndex</c> afterwards, the same errors
/// (<see cref="WrappedBuiltInsConformanceTests"/> follows every operation on the arguments).
/// </summary>
public sealed class FastBuiltInsTests
{
    /// <summary>The default limits but a generous regex timeout: these tests compare results, and a busy machine must not time a regex out.</summary>
    private static readonly SandboxLimits Limits = SandboxLimits.Default with { RegexTimeout = TimeSpan.FromSeconds(30) };

    private static readonly string[] Inputs = ["a", "b", "A", " ", "+", "1", "\n", "\r\n", "é", "😀", "ab", "x"];
    private static readonly string[] Patterns = ["a", "a*", "a+?", "[^0-9+]", "\\s+", "^a", "a$", "\\b", "(a)(b)?", "(?=a)", "(?<=a)b", "x*", "", ".", "[a-z]+", "\\d{2,}", "a|b", "^", "$", "\\w", "[\\s\\S]", "é"];
    private static readonly string[] Flags = ["", "g", "i", "gi", "gm", "m", "gs", "y", "gy", "gu", "gd"];
    private static readonly string[] Replacements = ["", "-", "xx", "é", "$&", "$1", "$$"];

    [Fact]
    public void Replace_AnyRegexAndLiteral_AgreesWithTheEngine()
    {
        var regexes = Gen.Zip(Gen.Elements(Patterns), Gen.Elements(Flags), (pattern, flags) => (Pattern: pattern, Flags: flags));
        var rests = Gen.Zip(Gen.Elements(Replacements), Gen.Elements(0, 0, 1, 3), (replacement, lastIndex) => (Replacement: replacement, LastIndex: lastIndex));
        var calls = Gen.Zip(Gen.ArrayOf(Gen.Elements(Inputs)).Select(string.Concat), Gen.Zip(regexes, rests, (regex, rest) => (regex, rest)),
            (input, parts) => (Input: input, parts.regex.Pattern, parts.regex.Flags, parts.rest.Replacement, parts.rest.LastIndex));
        AgreesWithTheEngine(calls, call =>
            $"var r = new RegExp({Js(call.Pattern)}, {Js(call.Flags)}); r.lastIndex = {call.LastIndex}; " +
            $"JSON.stringify([{Js(call.Input)}.replace(r, {Js(call.Replacement)}), r.lastIndex])", 2_000);
    }

    private static readonly string[] ConcatValues = ["'a'", "''", "'é😀'", "1", "-0", "1e21", "null", "undefined", "true", "[1, [2, 3]]", "{}", "5n", "Symbol('s')", "({ toString: function () { return 'o'; } })", "({ toString: function () { throw new RangeError('no'); } })"];

    [Fact]
    public void Concat_EveryReceiverWithUpToTwoArguments_AgreesWithTheEngine() =>
        AgreesWithTheEngineOnEvery(
            from call in Calls(ConcatValues, ConcatValues, maxArguments: 2)
            select $"String.prototype.concat.call({call})");

    private static readonly string[] RawTemplates = ["{ raw: ['a', 'b', 'c'] }", "{ raw: 'xyz' }", "{ raw: { length: 2, 0: counted, 1: 'q' } }", "{ raw: { length: -1 } }", "{ raw: [] }", "{}", "null", "{ raw: [counted] }"];
    /// <summary>Not <c>undefined</c>: Jint 4.18's own <c>String.raw</c> skips it, where the standard inserts "undefined" (see the next test).</summary>
    private static readonly string[] RawSubstitutions = ["counted", "1", "null", "Symbol('s')", "'-'"];

    [Fact]
    public void StringRaw_EveryTemplateWithUpToTwoSubstitutions_AgreesWithTheEngine() =>
        AgreesWithTheEngineOnEvery(
            from call in Calls(RawTemplates, RawSubstitutions, maxArguments: 2)
            select WithConversions($"String.raw({call})"));

    [Fact]
    public void StringRaw_UndefinedSubstitution_IsInsertedAsTheStandardSays()
    {
        var engine = new SandboxEngine(Limits).Engine;

        engine.Evaluate("String.raw({ raw: ['a', 'b'] }, undefined)").ToString().Should().Be("aundefinedb");
    }

    private static readonly string[] NormalizeValues = ["'e\\u0301'", "'\\uFF21'", "''", "counted", "null", "undefined", "'NFKC'", "'NFD'", "'bad'", "1", "Symbol('s')"];

    [Fact]
    public void Normalize_EveryReceiverWithUpToOneArgument_AgreesWithTheEngine() =>
        AgreesWithTheEngineOnEvery(
            from call in Calls(NormalizeValues, NormalizeValues, maxArguments: 1)
            select WithConversions($"String.prototype.normalize.call({call})"));

    private static readonly string[] LocaleReceivers =
    [
        "[1, 'a', null, undefined, true]", "[counted, counted]", "'abc'", "{ length: 2, 0: 1 }", "null", "undefined", "[1234.5, -0]", "[Symbol('s')]",
        "[{ toLocaleString: function () { return 'L'; } }]", "[{ toLocaleString: 1 }]", "[[1, [2, 3]]]", "[]", "[, ,]",
    ];

    [Fact]
    public void ArrayToLocaleString_EveryReceiver_AgreesWithTheEngine() =>
        AgreesWithTheEngineOnEvery(
            from receiver in LocaleReceivers
            select WithConversions($"Array.prototype.toLocaleString.call({receiver})"));

    private static readonly string[] CountedValues = ["'ab'", "''", "2", "-1", "1e9", "Infinity", "NaN", "null", "undefined", "'3'", "counted", "[2]", "Symbol('s')"];

    [Theory]
    [InlineData("repeat")]
    [InlineData("padStart")]
    [InlineData("padEnd")]
    public void CappedStringBuilders_EveryReceiverWithUpToTwoArguments_AgreeWithTheEngine(string method) =>
        AgreesWithTheEngineOnEvery(
            from call in Calls(CountedValues, CountedValues, maxArguments: 2)
            select WithConversions($"String.prototype.{method}.call({call})"));

    private static readonly string[] ReplacePatterns = ["'x'", "'xy'", "/y/g", "/y/", "/(x)/g", "''", "counted", "undefined"];
    private static readonly string[] ReplaceValues = ["'-'", "'$&$1'", "''", "function (m) { return m + m; }", "counted", "undefined"];

    [Theory]
    [InlineData("replace")]
    [InlineData("replaceAll")]
    public void CountedReplace_EveryReceiverPatternAndReplacement_AgreesWithTheEngine(string method)
    {
        AgreesWithTheEngineOnEvery(
            from self in CountedValues
            from pattern in ReplacePatterns
            from value in ReplaceValues
            select WithConversions($"String.prototype.{method}.call({self}, {pattern}, {value})"));
    }

    private static readonly string[] JoinReceivers = ["[1, null, undefined, counted, [2, [3]]]", "[]", "({ length: 2, 0: 'a', 1: counted })", "'ab'", "({ length: counted })", "5", "null", "[Symbol('s')]", "({ length: -1 })"];
    private static readonly string[] JoinSeparators = ["undefined", "','", "''", "counted", "Symbol('s')", "null", "1"];

    [Fact]
    public void Join_EveryReceiverAndSeparator_AgreesWithTheEngine() =>
        AgreesWithTheEngineOnEvery(
            from self in JoinReceivers
            from separator in JoinSeparators
            select WithConversions($"Array.prototype.join.call({self}, {separator})"));

    private static readonly string[] MatchReceivers = ["/x/g", "/x/", "/(?:)/g", "/x/gy", "/X/gi", "5", "null", "({})"];
    private static readonly string[] MatchArguments = ["'xax'", "''", "counted", "undefined", "12", "Symbol('s')"];

    [Fact]
    public void Match_EveryReceiverAndArgument_AgreesWithTheEngine() =>
        AgreesWithTheEngineOnEvery(
            from self in MatchReceivers
            from argument in MatchArguments
            select WithConversions($"RegExp.prototype[Symbol.match].call({self}, {argument})"));

    [Fact]
    public void TryReplace_TakesOnlyTheCasesItCanAnswerExactly()
    {
        var (fast, _) = Engines();
        var regExpPrototype = fast.Evaluate("RegExp.prototype").AsObject();
        bool Takes(string setup) =>
            RegExpFastPath.TryReplace(regExpPrototype, "aaa", fast.Evaluate(setup), new JsString("b"), Limits.MaxStringLength, out _);

        Takes("/a/g").Should().BeTrue();
        Takes("/a/").Should().BeTrue();
        Takes("new RegExp('a', 'gim')").Should().BeTrue();
        Takes("(function () { var r = /a/g; r.exec = function () { return null; }; return r; })()").Should().BeFalse("an own exec is what the standard calls");
        Takes("(function () { var r = /a/g; Object.defineProperty(r, 'global', { value: false }); return r; })()").Should().BeFalse();
        Takes("(function () { var r = /a/g; r.lastIndex = { valueOf: function () { return 0; } }; return r; })()").Should().BeFalse();
        Takes("(function () { var r = /a/g; Object.setPrototypeOf(r, Object.create(RegExp.prototype)); return r; })()").Should().BeFalse();
        Takes("/a/y").Should().BeFalse();
        Takes("/a/u").Should().BeFalse();
        Takes("/é/i").Should().BeFalse("the engine runs it on its own matcher, not a .NET regex");
        Takes("'a'").Should().BeFalse();
    }

    [Fact]
    public void ToIsoString_AnyTimeValue_AgreesWithTheEngine()
    {
        var first = (DateTime.MinValue - DateTime.UnixEpoch).TotalMilliseconds;
        var last = (DateTime.MaxValue - DateTime.UnixEpoch).TotalMilliseconds;
        var times = Gen.OneOf(
            Gen.Choose(-1_000_000, 1_000_000).Select(ms => (double)ms * 1_000_003),
            Gen.Choose(-5_000, 5_000).Select(ms => Math.Floor(first) + ms),
            Gen.Choose(-5_000, 5_000).Select(ms => Math.Floor(last) + ms),
            Gen.Elements(-8.64e15, 8.64e15, -8.64e15 - 1, 8.64e15 + 1, 0, -1, -62167219200000, double.NaN));
        AgreesWithTheEngine(times, time =>
            $"(function () {{ try {{ return new Date({time.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}).toISOString(); }} catch (e) {{ return e.name; }} }})()", 2_000);
    }

    [Fact]
    public void ToIsoString_OnSomethingElse_IsTheEnginesTypeError()
    {
        var (fast, _) = Engines();

        Run(fast, "(function () { try { return Date.prototype.toISOString.call({}); } catch (e) { return e.name; } })()").Should().Be("TypeError");
    }

    /// <summary>Runs each generated script in a sandboxed engine and a plain one and requires the same result (or the same error).</summary>
    private static void AgreesWithTheEngine<T>(Gen<T> calls, Func<T, string> script, int tests)
    {
        var (fast, plain) = Engines();
        Prop.ForAll(calls.ToArbitrary(), call => Run(fast, script(call)) == Run(plain, script(call))).Check(Config.QuickThrowOnFailure.WithMaxTest(tests));
    }

    /// <summary>Runs every script in a sandboxed engine and a plain one and requires the same result (or the same error) from each.</summary>
    private static void AgreesWithTheEngineOnEvery(IEnumerable<string> scripts)
    {
        var (fast, plain) = Engines();
        var disagreements = scripts.Where(script => Run(fast, script) != Run(plain, script)).ToList();
        disagreements.Should().BeEmpty();
    }

    /// <summary>Every receiver with every list of up to <paramref name="maxArguments"/> arguments, as call arguments in source form.</summary>
    private static IEnumerable<string> Calls(string[] receivers, string[] arguments, int maxArguments)
    {
        List<string[]> lists = [[]];
        List<string[]> longest = [[]];
        for (var count = 1; count <= maxArguments; count++)
        {
            longest = [.. from list in longest from argument in arguments select (string[])[.. list, argument]];
            lists.AddRange(longest);
        }

        return from receiver in receivers from list in lists select string.Join(", ", [receiver, .. list]);
    }

    /// <summary>
    /// A script that makes <c>counted</c>, a value that counts its conversions, then evaluates <paramref name="call"/> and
    /// gives its result (or the name of its error) with the number of conversions: the standard converts a receiver and
    /// each argument once, before or after its checks, so a rewritten built-in must too.
    /// </summary>
    private static string WithConversions(string call) =>
        "var conversions = 0; var counted = { toString: function () { conversions++; return 'xy'; }, valueOf: function () { conversions++; return 3; } }; " +
        $"JSON.stringify([(function () {{ try {{ return {call}; }} catch (e) {{ return e.name; }} }})(), conversions])";

    private static (Engine Fast, Engine Plain) Engines()
    {
        var fast = new Engine(options => options.Constraints.RegexTimeout = Limits.RegexTimeout);
        var jsonErrors = JsonErrors.Of(fast);
        foreach (var step in SandboxSetup.Steps.TakeWhile(step => step.Name != "lockdown"))
        {
            step.Install(fast, Limits, jsonErrors);
        }
        return (fast, new Engine(options => options.Constraints.RegexTimeout = Limits.RegexTimeout));
    }

    private static string Run(Engine engine, string script)
    {
        try
        {
            return engine.Evaluate(script).ToString();
        }
        catch (Jint.Runtime.JavaScriptException e)
        {
            return "threw " + e.Error.AsObject().Get("name");
        }
    }

    private static string Js(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
