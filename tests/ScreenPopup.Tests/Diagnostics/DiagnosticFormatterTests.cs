namespace ScreenPopup.Tests;

public sealed class DiagnosticFormatterTests
{
    [Fact]
    public void Format_WithPosition_UsesCompilerStyle()
    {
        var diagnostic = new PopupDiagnostic { Severity = DiagnosticSeverity.Error, Code = "scriptSyntax", Message = "Unexpected token ';'", Line = 2, Column = 9 };

        DiagnosticFormatter.Format("popups/support.js", diagnostic).Should().Be("popups/support.js(2,9): error scriptSyntax: Unexpected token ';'");
    }

    [Fact]
    public void Format_WithoutPosition_LeavesItOut()
    {
        var diagnostic = new PopupDiagnostic { Severity = DiagnosticSeverity.Warning, Code = "unknownKey", Message = "m" };

        DiagnosticFormatter.Format("s.js", diagnostic).Should().Be("s.js: warning unknownKey: m");
    }
}
