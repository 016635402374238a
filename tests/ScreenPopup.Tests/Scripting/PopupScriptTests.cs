namespace ScreenPopup.Tests;

public sealed class PopupScriptTests
{
    [Fact]
    public void TryCompile_SyntaxError_ReportsLineAndColumn()
    {
        var ok = PopupScript.TryCompile("var a = 1;\nvar b = ;\n", "support.js", null, out var script, out var diagnostics);

        ok.Should().BeFalse();
        script.Should().BeNull();
        var diagnostic = diagnostics.Should().ContainSingle().Subject;
        diagnostic.Code.Should().Be("scriptSyntax");
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        diagnostic.Line.Should().Be(2);
        diagnostic.Column.Should().Be(9);
        diagnostic.Message.Should().Contain("Unexpected token");
    }

    [Fact]
    public void Compile_SyntaxError_ThrowsWithFormattedPosition()
    {
        var act = () => PopupScript.Compile("function popup( {", "support.js");

        act.Should().ThrowExactly<ScriptCompilationException>()
            .Which.Message.Should().Contain("support.js(1,");
    }

    [Fact]
    public void TryCompile_DeclarationsOnlyWithSeveralFunctions_NamesThem()
    {
        var ok = PopupScript.TryCompile("function a(){}\nfunction b(){}", "s.js", null, out _, out var diagnostics);

        ok.Should().BeFalse();
        diagnostics.Single().Message.Should().Contain("a, b").And.Contain("EntryPoint");
    }

    [Fact]
    public void TryCompile_DeclarationsOnlyWithoutFunctions_ExplainsShapes()
    {
        var ok = PopupScript.TryCompile("var url = 'https://x/';", "s.js", null, out _, out var diagnostics);

        ok.Should().BeFalse();
        diagnostics.Single().Message.Should().Contain("function popup(call)");
    }

    [Fact]
    public void TryCompile_EntryPointNotDeclared_IsError()
    {
        var ok = PopupScript.TryCompile("function Main(){ return {}; }", "s.js", "main", out _, out var diagnostics);

        ok.Should().BeFalse();
        diagnostics.Single().Message.Should().Contain("'main'").And.Contain("Main");
    }

    [Fact]
    public void TryCompile_SeveralFunctionsWithPopup_ChoosesPopup()
    {
        PopupScript.TryCompile("function helper(){}\nfunction popup(){ return {}; }", "s.js", null, out var script, out _).Should().BeTrue();

        script!.DeclaredFunctions.Should().Equal("helper", "popup");
    }

    [Fact]
    public void TryCompile_SeveralFunctionsAndAnExpression_DefersShapeToRunTime()
    {
        PopupScript.TryCompile("function a(){}\nfunction b(){}\n({ onRing: a() })", "s.js", null, out _, out var diagnostics).Should().BeTrue();

        diagnostics.Should().NotContain(d => d.Severity != DiagnosticSeverity.Info, "the shape is decided when the script runs");
    }

    [Fact]
    public void TryCompile_TopLevelThatRunsEveryCall_IsAnInfoNoteAtItsCause()
    {
        PopupScript.TryCompile("var self = this;\nfunction popup() { return {}; }", "s.js", null, out var script, out var diagnostics).Should().BeTrue();

        var note = diagnostics.Should().ContainSingle().Which;
        (note.Severity, note.Code, note.Line, note.Column).Should().Be((DiagnosticSeverity.Info, PopupDiagnosticCodes.TopLevelRunsEveryCall, 1, 1));
        note.Message.Should().StartWith("the top level runs on every call").And.Contain("the top level holds more than function declarations");
        script!.Diagnostics.Should().Equal(diagnostics);
    }

    [Fact]
    public void Compile_NullSource_Throws()
    {
        var act = () => PopupScript.Compile(null!);

        act.Should().ThrowExactly<ArgumentNullException>();
    }
}
