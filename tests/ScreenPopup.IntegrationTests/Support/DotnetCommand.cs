namespace ScreenPopup.Tests;

/// <summary>Runs <c>dotnet …</c> as a child process, for tests of the shipped tool and package: output captured, the process tree killed at the timeout.</summary>
internal static class DotnetCommand
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(
        string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default, params (string Name, string Value)[] environment) =>
        ChildProcess.RunAsync("dotnet", arguments, timeout, workingDirectory, input: null, environment.Select(e => (e.Name, (string?)e.Value)), cancellationToken);
}
