using System.Text;

namespace ScreenPopup.Legacy;

/// <summary>
/// The program that runs batch files: <c>cmd.exe</c> on Windows, or a configured one elsewhere (such as wine's cmd).
/// The runner appends <c>/d /c &lt;batch file&gt;</c> to <see cref="Arguments"/>.
/// </summary>
public sealed record BatchInterpreter
{
    /// <summary>The executable.</summary>
    public required string FileName { get; init; }

    /// <summary>Arguments placed before <c>/d /c &lt;batch file&gt;</c>; for wine, <c>cmd</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Whether batch paths are Unix paths to present to a Windows program through wine's <c>Z:</c> drive.</summary>
    public bool MapsUnixPathsToWineDrive { get; init; }

    /// <summary>
    /// The encoding of the interpreter's redirected output: cmd.exe writes in the OEM code page, wine's cmd in Windows-1252.
    /// The default value is UTF-8.
    /// </summary>
    public Encoding OutputEncoding { get; init; } = Encoding.UTF8;

    /// <summary>Windows' own <c>cmd.exe</c>, its output read in the OEM code page of the current culture.</summary>
    public static BatchInterpreter WindowsCmd { get; } = new()
    {
        FileName = "cmd.exe",
        OutputEncoding = CodePagesEncodingProvider.Instance.GetEncoding(System.Globalization.CultureInfo.CurrentCulture.TextInfo.OEMCodePage) ?? Encoding.UTF8,
    };

    private static Encoding WineOutputEncoding => CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    /// <summary>wine's cmd, from Debian's <c>wine64</c> package by default.</summary>
    /// <param name="wineExecutable">The wine executable.</param>
    /// <returns>The interpreter.</returns>
    public static BatchInterpreter Wine(string wineExecutable = "/usr/lib/wine/wine64") =>
        new() { FileName = wineExecutable, Arguments = ["cmd"], MapsUnixPathsToWineDrive = true, OutputEncoding = WineOutputEncoding };

    /// <summary>
    /// Reads an interpreter command line, split into words as a shell does (spaces separate, quotes group, backslash
    /// escapes outside single quotes). A first word naming wine (<c>wine</c>, <c>wine64</c>) maps Unix paths to <c>Z:</c>.
    /// </summary>
    /// <param name="commandLine">Such as <c>/usr/lib/wine/wine64 cmd</c>.</param>
    /// <returns>The interpreter.</returns>
    /// <exception cref="ArgumentException">The command line is empty or has an unclosed quote.</exception>
    public static BatchInterpreter Parse(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var words = SplitWords(commandLine);
        if (words.Count == 0)
        {
            throw new ArgumentException("The interpreter command line is empty; give a program, such as \"/usr/lib/wine/wine64 cmd\".", nameof(commandLine));
        }

        var isWine = Path.GetFileName(words[0]) is "wine" or "wine64" or "wine-stable";
        return new BatchInterpreter
        {
            FileName = words[0],
            Arguments = words.GetRange(1, words.Count - 1),
            MapsUnixPathsToWineDrive = isWine,
            OutputEncoding = isWine ? WineOutputEncoding : Encoding.UTF8,
        };
    }

    /// <summary>The path the interpreter is given for a batch file.</summary>
    internal string PathForInterpreter(string batchFile) =>
        MapsUnixPathsToWineDrive && batchFile.StartsWith('/') ? "Z:" + batchFile.Replace('/', '\\') : batchFile;

    private static List<string> SplitWords(string commandLine)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
                else if (c == '\\' && open == '"' && i + 1 < commandLine.Length && commandLine[i + 1] is '"' or '\\')
                {
                    current.Append(commandLine[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                inWord = true;
                if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '\\' && i + 1 < commandLine.Length)
                {
                    current.Append(commandLine[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
        }

        if (quote is not null)
        {
            throw new ArgumentException($"The interpreter command line has an unclosed {quote} quote.", nameof(commandLine));
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
