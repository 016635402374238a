namespace ScreenPopup.Tests;

/// <summary>The repository the tests run from, for tests that read the README or samples.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ScreenPopup.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ScreenPopup.sln not found above " + AppContext.BaseDirectory);
    }
}
