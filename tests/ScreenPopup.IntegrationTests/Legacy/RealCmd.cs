using System.Diagnostics;

namespace ScreenPopup.Tests;

/// <summary>
/// The real cmd of this machine: cmd.exe on Windows, wine's cmd elsewhere (Debian's wine64 package). Without one a
/// test skips, naming the package; with CI=true it fails instead.
/// </summary>
internal static class RealCmd
{
    private const string WineExecutable = "/usr/lib/wine/wine64";
    private const string Missing = "wine64 is not installed: the real-cmd tests need Debian's wine64 package (apt-get install -y --no-install-recommends wine64)";
    private static readonly Lazy<string?> WinePrefixProblem = new(PrepareWine);

    public static BatchInterpreter RequireInterpreter() =>
        OperatingSystem.IsWindows() ? BatchInterpreter.WindowsCmd : BatchInterpreter.Parse(InterpreterCommandLine());

    /// <summary>The interpreter as the CLI's --interpreter takes it.</summary>
    public static string InterpreterCommandLine()
    {
        if (OperatingSystem.IsWindows())
        {
            return "cmd.exe";
        }

        if (!File.Exists(WineExecutable))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(Missing);
            }

            Assert.Skip(Missing);
        }

        if (WinePrefixProblem.Value is { } problem)
        {
            Assert.Fail(problem);
        }

        return WineExecutable + " cmd";
    }

    /// <summary>
    /// wine creates its prefix on first use (several seconds); do it once, quietly, before timed runs. A wineserver
    /// started by a run would inherit that run's output pipes, so one is started first, detached from every pipe, and
    /// kept a minute after its last client.
    /// </summary>
    private static string? PrepareWine()
    {
        Environment.SetEnvironmentVariable("WINEDEBUG", "-all");
        using (var server = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "exec /usr/lib/wine/wineserver -p60 </dev/null >/dev/null 2>&1" }, UseShellExecute = false }))
        {
            server?.WaitForExit(TimeSpan.FromSeconds(30));
        }

        var startInfo = new ProcessStartInfo(WineExecutable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "cmd", "/d", "/c", "exit", "0" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return "wine did not prepare its prefix within 3 minutes";
        }

        return null;
    }
}
