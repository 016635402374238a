using System.Diagnostics;

namespace ScreenPopup.Tests;

/// <summary>Runs <c>dotnet …</c> as a child process, for tests of the shipped tool and package: output captured, the process tree killed at the timeout.</summary>
internal static class DotnetCommand
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default, params (string Name, string Value)[] environment)
    {
        var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
