#if !NET
namespace ScreenPopup.Compatibility;

/// <summary>.NET's <see cref="Path"/> members missing from netstandard2.0 and Polyfill.</summary>
internal static class PathCompatibility
{
    extension(Path)
    {
        /// <summary>The absolute path of <paramref name="path"/>, read relative to <paramref name="basePath"/> when it is not rooted.</summary>
        public static string GetFullPath(string path, string basePath) => Path.GetFullPath(Path.Combine(basePath, path));

        /// <summary>
        /// Whether <paramref name="path"/> names one place whatever the current directory and drive: <c>/x</c> off Windows;
        /// <c>C:\x</c> or <c>\\server\share</c> on Windows, where <c>\x</c> and <c>C:x</c> are relative to the current drive or
        /// its current directory.
        /// </summary>
        public static bool IsPathFullyQualified(string path)
        {
            if (Path.DirectorySeparatorChar == '/')
            {
                return path.StartsWith("/", StringComparison.Ordinal);
            }

            static bool IsSeparator(char c) => c is '\\' or '/';
            return path.Length >= 2 && IsSeparator(path[0]) && IsSeparator(path[1])
                || path.Length >= 3 && path[1] == ':' && IsSeparator(path[2]) && char.IsLetter(path[0]);
        }
    }
}
#endif
