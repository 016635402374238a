using System.Diagnostics;

namespace ScreenPopup.Legacy;

/// <summary>Starts the interpreter process for <see cref="LegacyBatRunner"/>; replaceable in tests.</summary>
public interface IBatchProcessLauncher
{
    /// <summary>Starts a process with redirected standard streams.</summary>
    /// <param name="startInfo">What to start; its standard streams are redirected.</param>
    /// <returns>The running process.</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started (for example, it does not exist).</exception>
    IBatchProcess Start(ProcessStartInfo startInfo);
}

/// <summary>A running interpreter process.</summary>
public interface IBatchProcess : IDisposable
{
    /// <summary>The process's standard output.</summary>
    TextReader StandardOutput { get; }

    /// <summary>The process's standard error.</summary>
    TextReader StandardError { get; }

    /// <summary>The exit code, once the process has exited.</summary>
    int ExitCode { get; }

    /// <summary>Waits for the process to exit.</summary>
    /// <param name="cancellationToken">Stops waiting (the process keeps running).</param>
    /// <returns>A task that completes when the process exits.</returns>
    Task WaitForExitAsync(CancellationToken cancellationToken);

    /// <summary>Kills the process and every process it started.</summary>
    void KillTree();
}

/// <summary>Starts real processes with <see cref="Process"/>.</summary>
public sealed class SystemBatchProcessLauncher : IBatchProcessLauncher
{
    /// <inheritdoc />
    public IBatchProcess Start(ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"'{startInfo.FileName}' did not start.");
        process.StandardInput.Close();
        return new SystemBatchProcess(process);
    }

    private sealed class SystemBatchProcess(Process process) : IBatchProcess
    {
        public TextReader StandardOutput => process.StandardOutput;

        public TextReader StandardError => process.StandardError;

        public int ExitCode => process.ExitCode;

        public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

        public void KillTree()
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }
        }

        public void Dispose() => process.Dispose();
    }
}
