using ScreenPopup.Legacy;

namespace Snippets;

/// <summary>docs/legacy.md.</summary>
internal static class LegacyInterpreter
{
    public static IReadOnlyList<LegacyBatRunnerOptions> Options()
    {
        // begin-snippet: legacy-interpreter
        var windows = new LegacyBatRunnerOptions();                                         // cmd.exe
        var debian = new LegacyBatRunnerOptions { Interpreter = BatchInterpreter.Wine() };  // /usr/lib/wine/wine64 cmd
        var other = new LegacyBatRunnerOptions
        {
            Interpreter = BatchInterpreter.Wine("/opt/wine-stable/bin/wine"),
            WorkingDirectory = "/srv/popups",   // default: the batch file's folder
            MaxOutputCharacters = 16 * 1024,    // per stream; default 64 Ki
        };
        // end-snippet
        return [windows, debian, other];
    }
}
