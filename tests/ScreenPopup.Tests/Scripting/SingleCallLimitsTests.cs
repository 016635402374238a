using Jint;

namespace ScreenPopup.Tests;

/// <summary>
/// <see cref="SingleCallLimits"/> only refuses: under its limits every gated built-in gives what the engine's own gives
/// (the hostile corpus, <c>Hostile/single-call</c>, has the refusals).
/// </summary>
public sealed class SingleCallLimitsTests
{
    public static TheoryData<string> Calls() =>
    [
        "new Intl.NumberFormat('en').format(1234.5)", "new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format('1234.50')",
        "(function () { var f = new Intl.NumberFormat('en'); return f.format === f.format; })()", "[1, 2].map(new Intl.NumberFormat('en').format).join('|')",
        "JSON.stringify(new Intl.NumberFormat('en').formatToParts(-1e6))", "new Intl.NumberFormat('en').formatRange(3, 5)",
        "JSON.stringify(new Intl.NumberFormat('en').formatRangeToParts(3, 5))", "typeof Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format').get",
        "Object.keys('abc').join()", "JSON.stringify(Object.entries([1, 2]))", "JSON.stringify(Object.assign({}, 'ab', [3]))",
        "JSON.stringify(Object.getOwnPropertyDescriptors('a'))", "Reflect.ownKeys(Object('ab')).length", "Object.isFrozen(Object.freeze([1]))",
        "[...new Intl.Segmenter('en').segment('ab')].length", "new Intl.ListFormat('en').format(['a', 'b'])",
        "(function () { try { Object.keys(null); } catch (e) { return e.name; } })()",
        "[3, 1, 2].toSorted().join() + [1, 2].toReversed().join() + [1, 2, 3].toSpliced(1, 1).join() + [1, 2].with(0, 9).join()",
        "(function () { try { [1].with(5, 0); } catch (e) { return e.name; } })()", "Array.prototype.toReversed.call({ length: 2, 0: 'a', 1: 'b' }).join()",
        "String(BigInt('123456789012345678901234567890') * 2n)", "String(BigInt(42))", "BigInt.asUintN(8, 257n) + ''", "(1n).constructor === BigInt",
        "BigInt.prototype === Object.getPrototypeOf(1n)", "BigInt.name + BigInt.length", "typeof BigInt", "(function () { try { new BigInt(1); } catch (e) { return e.name; } })()",
        "(function () { try { BigInt('x'); } catch (e) { return e.name; } })()", "(function () { try { BigInt(1.5); } catch (e) { return e.name; } })()",
        "(function () { var e = new AggregateError([1, 'b'], 'm', { cause: 'c' }); return [e.errors.join(), e.message, e.cause, e.name, String(e), e instanceof AggregateError, e instanceof Error].join('|'); })()",
        "(function () { var e = AggregateError('ab'); return [e.errors.join(), e.constructor === AggregateError, Object.getPrototypeOf(e) === AggregateError.prototype].join('|'); })()",
        "(function () { class Many extends AggregateError { constructor(l) { super(l, 'many'); this.extra = 1; } } var e = new Many('xy'); return [e.errors.join(), e.message, e.extra, e instanceof Many, e instanceof AggregateError, e.name].join('|'); })()",
        "[AggregateError.name, AggregateError.length, Object.getPrototypeOf(AggregateError) === Error, AggregateError.prototype.constructor === AggregateError].join('|')",
        "JSON.stringify(Object.getOwnPropertyDescriptor(AggregateError, 'prototype')) + JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, 'AggregateError').writable)",
        "(function () { try { new AggregateError(); } catch (e) { return e.name; } })()", "(function () { try { new AggregateError(5); } catch (e) { return e.name; } })()",
        "Reflect.construct(AggregateError, [[1]], Array).constructor === Array",
        "typeof Promise.all([1, 2]).then", "typeof Promise.race('ab').then", "typeof Array.fromAsync({ length: 2, 0: 1, 1: 2 }).then", "new Intl.ListFormat('en').format('ab')",
        "new AggregateError(new String('ab')).errors.join()", "(function () { try { Promise.all(5); } catch (e) { return e.name; } return 'rejected'; })()",
    ];

    [Theory]
    [MemberData(nameof(Calls))]
    public void UnderTheLimits_AgreesWithTheEngine(string call)
    {
        var sandboxed = new Engine();
        SingleCallLimits.Apply(sandboxed, SandboxLimits.Default);

        Run(sandboxed, call).Should().Be(Run(new Engine(), call));
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
}
