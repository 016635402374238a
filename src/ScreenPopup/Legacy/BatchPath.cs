namespace ScreenPopup.Legacy;

/// <summary>Batch file paths: Windows paths are kept as written on every OS; a path must not hold characters cmd.exe reads as syntax.</summary>
internal static class BatchPath
{
    private const string CmdSyntax = "\"&|<>^%!";

    public static char? UnsafeCharacter(string path)
    {
        foreach (var c in path)
        {
            if (CmdSyntax.Contains(c, StringComparison.Ordinal) || char.IsControl(c))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>A rooted path (<c>/x</c>, <c>C:\x</c>, <c>\\server\share</c>) is kept; a relative one is resolved against the base directory.</summary>
    public static string Resolve(string path, string baseDirectory) =>
        IsWindowsRooted(path) || Path.IsPathFullyQualified(path) ? path : Path.GetFullPath(path, baseDirectory);

    private static bool IsWindowsRooted(string path) =>
        (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/') || path.StartsWith(@"\\", StringComparison.Ordinal);
}
