using Jint;

namespace ScreenPopup.Tests;

/// <summary>
/// <see cref="ReplacementPatterns"/> expands <c>$</c>-patterns as the standard does (compared with the engine's own
/// expansion over text without marks); the hostile corpus (<c>Hostile/provenance/replacement-pattern-*</c>) has the copies
/// of marks it breaks.
/// </summary>
public sealed class ReplacementPatternsTests
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        string[] patterns = ["/b(c)(d)?/", "/b(c)(d)?/g", "/(?<x>c)/", "/(?<x>c)|(?<y>z)/g", "'bc'", "/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/"];
        string[] templates = ["$$", "$&", "$`", "$'", "$0", "$1", "$2", "$01", "$10", "$11", "$99", "$<x>", "$<y>", "$<", "$<x", "$", "x$", "$a", "[$1|$2|$&|$`|$']", "$$1", "$<x>$1$'"];
        foreach (var pattern in patterns)
        {
            foreach (var template in templates)
            {
                cases.Add(pattern, template);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expansion_IsTheStandards(string pattern, string template)
    {
        var engine = new Engine();
        engine.SetValue("markSafe", new Jint.Runtime.Interop.ClrFunction(engine, "markSafe", (_, args) => ReplacementPatterns.Substitute(engine, template, args, long.MaxValue)));
        engine.SetValue("template", template);
        const string subject = "abcdefghijk bc abcd";

        var ours = engine.Evaluate($"'{subject}'.replace({pattern}, markSafe)").ToString();
        var standard = engine.Evaluate($"'{subject}'.replace({pattern}, template)").ToString();

        ours.Should().Be(standard);
    }

    [Fact]
    public void AdminsOwnPattern_ThatCopiesNoMark_StillBinds()
    {
        var decision = TestEvaluators.ForScript("function popup(call) { return { onAnswer: 'https://crm.example/?u={$USERNAME}&q=Q'.replace(/Q/, '$&-' + call.CALL_CLI) }; }")
            .Evaluate(TestEvaluators.Request(cli: "39$'"));

        decision.Url.Should().Be("https://crm.example/?u=mrossi&q=Q-39");
    }
}
