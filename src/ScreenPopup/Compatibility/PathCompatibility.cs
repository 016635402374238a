#if !NET
namespace ScreenPopup.Compatibility;

/// <summary>
/// .NET's <see cref="Path"/> members missing from netstandard2.0 and Polyfill, with .NET's rules (System.IO.Path of .NET
/// 10): a script or batch path must resolve to the same file as on the .NET build.
/// </summary>
internal static class PathCompatibility
{
    private static bool IsWindows => Path.DirectorySeparatorChar == '\\';

    extension(Path)
    {
        /// <summary>
        /// The absolute path of <paramref name="path"/> read relative to <paramref name="basePath"/>, which must be fully
        /// qualified. On Windows, <c>\x</c> is read on the base's drive, and <c>C:x</c> in the base when it is on drive C:
        /// (else at the root of C:), as .NET does.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="basePath"/> is not fully qualified.</exception>
        public static string GetFullPath(string path, string basePath)
        {
            if (!Path.IsPathFullyQualified(basePath))
            {
                throw new ArgumentException("The base path must be fully qualified.", nameof(basePath));
            }

            if (Path.IsPathFullyQualified(path))
            {
                return Path.GetFullPath(path);
            }

            if (path.Length == 0)
            {
                return basePath;
            }

            string combined;
            if (IsWindows && IsSeparator(path[0]))
            {
                combined = Path.Combine(Path.GetPathRoot(basePath)!, path.Substring(1));
            }
            else if (IsWindows && path.Length >= 2 && IsAsciiLetter(path[0]) && path[1] == ':')
            {
                combined = string.Equals(Path.GetPathRoot(basePath)?.Substring(0, 2), path.Substring(0, 2), StringComparison.OrdinalIgnoreCase)
                    ? Path.Combine(basePath, path.Substring(2))
                    : path.Insert(2, "\\");
            }
            else
            {
                combined = Path.Combine(basePath, path);
            }

            return Path.GetFullPath(combined);
        }

        /// <summary>
        /// Whether <paramref name="path"/> names one place whatever the current directory and drive, by .NET's rules:
        /// <c>/x</c> off Windows; on Windows <c>C:\x</c> (an ASCII drive letter), <c>\\server\share</c>, and the device forms
        /// <c>\\?\</c>, <c>\\.\</c>, <c>\??\</c>, where <c>\x</c> and <c>C:x</c> depend on the current drive or its directory.
        /// </summary>
        public static bool IsPathFullyQualified(string path)
        {
            if (!IsWindows)
            {
                return path.StartsWith("/", StringComparison.Ordinal);
            }

            if (path.Length < 2)
            {
                return false;
            }

            if (IsSeparator(path[0]))
            {
                return path[1] == '?' || IsSeparator(path[1]);
            }

            return path.Length >= 3 && path[1] == ':' && IsSeparator(path[2]) && IsAsciiLetter(path[0]);
        }
    }

    private static bool IsSeparator(char c) => c is '\\' or '/';

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
}
#endif
