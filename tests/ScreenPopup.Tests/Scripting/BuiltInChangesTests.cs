namespace ScreenPopup.Tests;

/// <summary>
/// <see cref="PopupScript.TryCompile"/> warns where a script changes a frozen built-in, at the change, and nowhere else:
/// every form of change, and the look-alikes that change the script's own objects.
/// </summary>
public sealed class BuiltInChangesTests
{
    [Theory]
    [InlineData("Array.prototype.last = function () { return this[this.length - 1]; };", 1, 1, "Array.prototype")]
    [InlineData("var x = 1;\n  String.prototype.trim = null;", 2, 3, "String.prototype")]
    [InlineData("Math.random = function () { return 4; };", 1, 1, "Math")]
    [InlineData("JSON.parse.cache = {};", 1, 1, "JSON.parse")]
    [InlineData("Array.prototype['flat'] = null;", 1, 1, "Array.prototype")]
    [InlineData("Object.prototype.count += 1;", 1, 1, "Object.prototype")]
    [InlineData("Number.prototype.n++;", 1, 1, "Number.prototype")]
    [InlineData("delete Array.prototype.map;", 1, 1, "Array.prototype")]
    [InlineData("globalThis.Array.prototype.x = 1;", 1, 1, "globalThis.Array.prototype")]
    [InlineData("Object.defineProperty(Array.prototype, 'last', { value: 1 });", 1, 1, "Array.prototype")]
    [InlineData("Object.assign(String.prototype, { shout: function () {} });", 1, 1, "String.prototype")]
    [InlineData("Reflect.set(Date.prototype, 'x', 1);", 1, 1, "Date.prototype")]
    [InlineData("Object.setPrototypeOf(Error, null);", 1, 1, "Error")]
    [InlineData("function popup() { if (!Array.prototype.at) { Array.prototype.at = function () {}; } return {}; }", 1, 47, "Array.prototype")]
    public void TryCompile_ChangeToABuiltIn_IsAWarningAtTheChange(string source, int line, int column, string builtIn)
    {
        PopupScript.TryCompile(source + "\n({})", "popup.js", null, out var script, out var diagnostics).Should().BeTrue("a warning does not stop the script");

        var warning = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Should().ContainSingle().Which;
        warning.Code.Should().Be(PopupDiagnosticCodes.BuiltInChanged);
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        (warning.Line, warning.Column).Should().Be((line, column));
        warning.Message.Should().StartWith($"this changes the built-in {builtIn}, and built-ins are frozen in the popup sandbox");
        script!.Diagnostics.Should().Equal(diagnostics);
    }

    [Theory]
    [InlineData("var o = {}; o.toString = function () { return 'o'; };")]
    [InlineData("globalThis.counter = 1; globalThis.JSONish = {};")]
    [InlineData("function Point() {} Point.prototype.describe = function () {};")]
    [InlineData("var Math = { random: 1 }; Math.random = 2;")]
    [InlineData("function f(JSON) { JSON.parse = 1; } f({});")]
    [InlineData("class Array2 extends Array {} Array2.prototype.last = 1;")]
    [InlineData("var e = new Error('x'); e.name = 'Mine'; delete e.stack;")]
    [InlineData("Object.defineProperty({}, 'x', { value: 1 }); Object.assign({}, Math);")]
    [InlineData("var s = String.prototype.trim.call(' a ');")]
    [InlineData("try { } catch (Object) { Object.prototype.x = 1; }")]
    public void TryCompile_ChangeToTheScriptsOwnObjects_IsNoWarning(string source)
    {
        PopupScript.TryCompile(source + "\n({})", "popup.js", null, out _, out var diagnostics).Should().BeTrue();

        diagnostics.Should().NotContain(d => d.Severity == DiagnosticSeverity.Warning);
    }
}
