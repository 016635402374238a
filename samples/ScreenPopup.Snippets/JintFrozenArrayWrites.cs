namespace Snippets;

/// <summary>docs/jint-frozen-array-writes.md: the upstream reproduction, kept compiling.</summary>
internal static class JintFrozenArrayWrites
{
    public static void Reproduce()
    {
        // begin-snippet: jint-frozen-array-writes
        // dotnet new console; dotnet add package Jint --version 4.18.0
        var engine = new Jint.Engine();
        Console.WriteLine(engine.Evaluate("""
            var frozen = Object.freeze(['a', 'b']);
            var error = 'none';
            try { Array.of.call(function () { return frozen; }, 'X'); } catch (e) { error = e.name; }
            error + ' ' + JSON.stringify(frozen)
            """));
        // Expected (the standard, V8, SpiderMonkey): TypeError ["a","b"]
        // Jint 4.18.0:                               none ["X","b"]
        // end-snippet
    }
}
