namespace ScreenPopup.Tests;

/// <summary>Runs the installed <c>screenpopup</c> as a user's shell would: with standard input, or on a pseudo-terminal.</summary>
internal static class InstalledTool
{
    private const string ScriptMissing = "script is not installed: the terminal test needs util-linux's script (Debian's bsdutils package: apt-get install -y bsdutils)";

    /// <summary>Runs the tool with a terminal type set and <c>NO_COLOR</c> unset unless given, so each test states what it wants.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, string[] arguments, string? input = null, params (string Name, string Value)[] environment) =>
        ChildProcess.RunAsync(tool, arguments, TimeSpan.FromMinutes(2), workingDirectory: null, input ?? "",
            [("NO_COLOR", null), ("TERM", "xterm-256color"), .. environment.Select(e => (e.Name, (string?)e.Value))], TestContext.Current.CancellationToken);

    /// <summary>What a command line prints on a terminal: run under <c>script</c>, which gives it a pseudo-terminal.</summary>
    public static async Task<string> OnTerminalAsync(string commandLine, params (string Name, string Value)[] environment)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("a pseudo-terminal is made with util-linux's script, which Windows does not have");
        }

        if (!File.Exists("/usr/bin/script"))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(ScriptMissing);
            }

            Assert.Skip(ScriptMissing);
        }

        // In a session of its own (setsid): script manages the terminal's process group, and no signal of its can reach
        // the test process. (A run once ended the test process with exit code 0 right after this test, cause unproven.)
        var (code, output, error) = await RunAsync("/usr/bin/setsid", ["--wait", "/usr/bin/script", "-qec", commandLine, "/dev/null"], input: null, environment);
        code.Should().Be(0, error);
        return output;
    }
}
