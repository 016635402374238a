namespace Snippets;

// docs/observability.md: an admin UI checks a script before saving it.
// begin-snippet: check-script
using ScreenPopup.Diagnostics;
using ScreenPopup.Scripting;

static class ScriptEditor
{
    public static bool Check(string source)
    {
        var ok = PopupScript.TryCompile(source, "support.js", entryPoint: null, out _, out var diagnostics);
        foreach (var d in diagnostics)   // errors when it fails; compile-time warnings when it succeeds
        {
            Console.WriteLine(DiagnosticFormatter.Format("support.js", d));   // support.js(2,9): error scriptSyntax: …
        }

        return ok;
    }
}
// end-snippet
