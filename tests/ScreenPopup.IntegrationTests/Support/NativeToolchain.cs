namespace ScreenPopup.Tests;

/// <summary>
/// The C toolchain Native AOT links with (Debian's clang and zlib1g-dev): publishing a native host and packing the tool,
/// whose linux-x64 package is native code, need it. Without it a test skips, naming the packages; with CI=true it fails.
/// </summary>
internal static class NativeToolchain
{
    private const string Clang = "/usr/bin/clang";
    private const string ZlibHeader = "/usr/include/zlib.h";

    /// <summary>Whether this is Linux with clang and zlib's header.</summary>
    public static bool IsInstalled => OperatingSystem.IsLinux() && File.Exists(Clang) && File.Exists(ZlibHeader);

    /// <summary>Returns when the toolchain is installed; otherwise skips (or fails, on CI) saying what to install.</summary>
    public static void Require(string whatFor)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip($"{whatFor} builds native code for linux-x64, which Native AOT makes on Linux only");
        }

        RequiredProgram.Ensure(Clang, "clang", whatFor);
        RequiredProgram.Ensure(ZlibHeader, "zlib1g-dev", whatFor);
    }
}
