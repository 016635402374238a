namespace ScreenPopup.Tests;

/// <summary>A real outside program a test needs: without it the test skips, naming the Debian package; with CI=true it fails.</summary>
internal static class RequiredProgram
{
    /// <summary>Returns <paramref name="path"/> when it exists; otherwise skips (or fails, on CI) saying what to install.</summary>
    public static string Ensure(string path, string package, string whatFor)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var missing = $"{path} is not installed: {whatFor} needs Debian's {package} package (apt-get install -y {package})";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail(missing);
        }

        Assert.Skip(missing);
        return path;
    }
}
