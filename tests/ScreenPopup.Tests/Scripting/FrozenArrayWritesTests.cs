using Jint;

namespace ScreenPopup.Tests;

/// <summary>
/// <see cref="FrozenArrayWrites"/>: the standard's <c>Array.of</c>, <c>slice</c> and <c>concat</c> for receivers whose result
/// the script's constructor makes. A frozen result is refused with a <c>TypeError</c>; every other call gives what the
/// engine's own implementation gives, on every combination of a pool of receivers and arguments.
/// </summary>
public sealed class FrozenArrayWritesTests
{
    /// <summary>Receivers that take the standard path: a constructor of the script's, an own constructor, a proxy, array-likes.</summary>
    private static readonly string[] Receivers =
    [
        "[1, 2, 3]", "[1, , 3]", "new (class Sub extends Array {})(1, 2, 3)", "(function () { var a = [1, 2, 3]; Object.defineProperty(a, 'constructor', { value: undefined }); return a; })()",
        "(function () { var a = ['x', 'y']; Object.defineProperty(a, 'constructor', { value: { [Symbol.species]: null } }); return a; })()",
        "(function () { var a = ['x', 'y']; Object.defineProperty(a, 'constructor', { value: { [Symbol.species]: function () { return {}; } } }); return a; })()",
        "(function () { var a = ['x']; Object.defineProperty(a, 'constructor', { value: { [Symbol.species]: 1 } }); return a; })()",
        "new Proxy([4, 5, 6], {})", "(function () { return arguments; })(7, 8, 9)", "({ length: 2, 0: 'a', 1: 'b' })", "({ length: -1 })", "({})", "'str'", "null",
    ];

    private static readonly string[] SliceArguments = ["undefined", "1", "-1", "'2'", "1.5", "Infinity", "-Infinity", "NaN", "5"];

    private static readonly string[] ConcatArguments = ["[1]", "'a'", "({ length: 1, 0: 'z' })", "({ [Symbol.isConcatSpreadable]: true, length: 2, 0: 'p' })", "[ , 2]", "null"];

    private static readonly string[] OfReceivers =
    [
        "Array", "(class Sub extends Array {})", "(function F() {})", "(() => 1)", "undefined", "({})", "Object",
    ];

    private static readonly string[] OfItems = ["", ", 1", ", 'a', undefined"];

    [Fact]
    public void Slice_EveryReceiverWithUpToTwoArguments_AgreesWithTheEngine() => AgreesWithTheEngineOnEvery(
        from receiver in Receivers from start in SliceArguments from end in SliceArguments
        select $"Array.prototype.slice.call({receiver}, {start}, {end})");

    [Fact]
    public void Concat_EveryReceiverWithUpToTwoArguments_AgreesWithTheEngine() => AgreesWithTheEngineOnEvery(
        from receiver in Receivers from first in ConcatArguments.Prepend("") from second in ConcatArguments.Prepend("")
        select $"Array.prototype.concat.call({string.Join(", ", new[] { receiver, first, second }.Where(a => a.Length > 0))})");

    [Fact]
    public void Of_EveryReceiverWithUpToTwoItems_AgreesWithTheEngine() => AgreesWithTheEngineOnEvery(
        from receiver in OfReceivers from items in OfItems
        select $"Array.of.call({receiver}{items})");

    [Theory]
    [InlineData("Array.of.call(function () { return frozen; }, 'X')")]
    [InlineData("Array.of.call(function () { return frozen; })")]
    [InlineData("(function () { var a = ['X', 'Y']; Object.defineProperty(a, 'constructor', { value: { [Symbol.species]: function () { return frozen; } } }); return a.slice(0); })()")]
    [InlineData("(function () { var a = ['X', 'Y']; Object.defineProperty(a, 'constructor', { value: { [Symbol.species]: function () { return frozen; } } }); return a.concat([]); })()")]
    public void WriteIntoAFrozenArray_IsATypeError_AndChangesNothing(string write)
    {
        var engine = new SandboxEngine(TestEvaluators.RelaxedLimits()).Engine;

        var result = engine.Evaluate($"var frozen = Object.freeze(['a', 'b']); var error = ''; try {{ {write}; }} catch (e) {{ error = e.name; }} error + ' ' + JSON.stringify(frozen) + frozen.length").ToString();

        result.Should().Be("TypeError [\"a\",\"b\"]2");
    }

    [Fact]
    public void Of_OnAConstructorReturningALongerArray_SetsTheLengthAsTheStandardSays()
    {
        // Jint 4.18's own Array.of leaves the length alone here ([1, 8, 7]); the standard sets it.
        var engine = new SandboxEngine(TestEvaluators.RelaxedLimits()).Engine;

        engine.Evaluate("JSON.stringify(Array.of.call(function () { return [9, 8, 7]; }, 1))").ToString().Should().Be("[1]");
    }

    private static void AgreesWithTheEngineOnEvery(IEnumerable<string> calls)
    {
        var sandboxed = new Engine();
        FrozenArrayWrites.Apply(sandboxed);
        var plain = new Engine();
        var disagreements = calls.Select(Describe).Where(script => Run(sandboxed, script) != Run(plain, script)).ToList();
        disagreements.Should().BeEmpty();
    }

    /// <summary>The result's contents, holes, length, kind and constructor, or the error's name.</summary>
    private static string Describe(string call) =>
        $"(function () {{ try {{ var r = {call}; return JSON.stringify([r, Object.keys(r), r.length, Array.isArray(r), r.constructor && r.constructor.name]); }} catch (e) {{ return 'threw ' + e.name; }} }})()";

    private static string Run(Engine engine, string script) => engine.Evaluate(script).ToString();
}
