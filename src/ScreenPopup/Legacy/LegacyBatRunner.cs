using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ScreenPopup.Legacy;

/// <summary>
/// Runs legacy batch files as <c>&lt;interpreter&gt; /d /c &lt;batch file&gt;</c>: <c>/d</c> skips AutoRun commands,
/// call data travels only in environment variables, a timeout kills the whole process tree, and a cap limits how many
/// run at once.
/// </summary>
public sealed class LegacyBatRunner : ILegacyBatRunner, IDisposable
{
    /// <summary>
    /// How long to wait for the output streams to end once the batch has exited. Its own output is already in the pipes
    /// by then; a grandchild that inherited them (a browser opened with <c>start</c>, wine's wineserver) may keep them
    /// open for its whole life, and what it writes later is not the batch's output.
    /// </summary>
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromMilliseconds(250);

    private readonly LegacyBatRunnerOptions _options;
    private readonly IBatchProcessLauncher _launcher;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _slots;

    /// <summary>Creates a runner.</summary>
    /// <param name="options">How to run; copied.</param>
    /// <param name="launcher">Starts processes; <see cref="SystemBatchProcessLauncher"/> by default.</param>
    /// <param name="timeProvider">The clock for timeouts and durations; <see cref="TimeProvider.System"/> by default.</param>
    /// <exception cref="ArgumentException">A limit is not positive.</exception>
    public LegacyBatRunner(LegacyBatRunnerOptions? options = null, IBatchProcessLauncher? launcher = null, TimeProvider? timeProvider = null)
    {
        options ??= new LegacyBatRunnerOptions();
        if (options.Timeout <= TimeSpan.Zero || options.MaxConcurrentRuns <= 0 || options.MaxOutputCharacters <= 0)
        {
            throw new ArgumentException("Timeout, MaxConcurrentRuns and MaxOutputCharacters must be positive.", nameof(options));
        }

        _options = new LegacyBatRunnerOptions
        {
            Interpreter = options.Interpreter,
            WorkingDirectory = options.WorkingDirectory,
            Timeout = options.Timeout,
            MaxConcurrentRuns = options.MaxConcurrentRuns,
            MaxOutputCharacters = options.MaxOutputCharacters,
        };
        _launcher = launcher ?? new SystemBatchProcessLauncher();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _slots = new SemaphoreSlim(options.MaxConcurrentRuns, options.MaxConcurrentRuns);
    }

    /// <inheritdoc />
    public async Task<BatchRunResult> RunAsync(BatchInvocation batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var interpreter = _options.Interpreter ?? (OperatingSystem.IsWindows() ? BatchInterpreter.WindowsCmd : null);
        if (interpreter is null)
        {
            return BatchRunResult.Unavailable("no batch interpreter is configured on this OS; set LegacyBatRunnerOptions.Interpreter, for example BatchInterpreter.Wine()");
        }

        if (BatchPath.UnsafeCharacter(batch.File) is { } unsafeCharacter)
        {
            return BatchRunResult.Unavailable($"the batch path holds '{unsafeCharacter}', which cmd.exe would read as syntax");
        }

        if (!File.Exists(batch.File))
        {
            return BatchRunResult.Unavailable($"the batch file '{batch.File}' does not exist");
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunInSlotAsync(interpreter, batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Releases the concurrency slots.</summary>
    public void Dispose() => _slots.Dispose();

    private async Task<BatchRunResult> RunInSlotAsync(BatchInterpreter interpreter, BatchInvocation batch, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(interpreter.FileName)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = interpreter.OutputEncoding,
            StandardErrorEncoding = interpreter.OutputEncoding,
            WorkingDirectory = _options.WorkingDirectory ?? Path.GetDirectoryName(Path.GetFullPath(batch.File)) ?? "",
        };
        foreach (var argument in interpreter.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.ArgumentList.Add("/d");
        startInfo.ArgumentList.Add("/c");
        startInfo.ArgumentList.Add(interpreter.PathForInterpreter(batch.File));
        foreach (var (name, value) in batch.Environment)
        {
            startInfo.Environment[name] = value;
        }

        IBatchProcess process;
        try
        {
            process = _launcher.Start(startInfo);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            return BatchRunResult.Unavailable($"the interpreter '{interpreter.FileName}' cannot be started: {e.Message}");
        }

        using (process)
        {
            var started = _timeProvider.GetTimestamp();
            var output = new CappedText(_options.MaxOutputCharacters);
            var error = new CappedText(_options.MaxOutputCharacters);
            var reading = Task.WhenAll(output.ReadAllAsync(process.StandardOutput), error.ReadAllAsync(process.StandardError));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            var timedOut = false;
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.KillTree();
                cancellationToken.ThrowIfCancellationRequested();
                timedOut = true;
            }

            // A grandchild that inherited the pipes must not hold the run: wait briefly, then take what was read.
            await Task.WhenAny(reading, Task.Delay(OutputDrainLimit, CancellationToken.None)).ConfigureAwait(false);
            return new BatchRunResult
            {
                Status = timedOut ? BatchRunStatus.TimedOut : BatchRunStatus.Completed,
                Message = timedOut ? $"the batch ran longer than {_options.Timeout.TotalSeconds:0.###} s and was killed with its child processes" : null,
                ExitCode = timedOut ? null : process.ExitCode,
                StandardOutput = output.Text,
                StandardError = error.Text,
                OutputTruncated = output.Truncated || error.Truncated,
                Duration = _timeProvider.GetElapsedTime(started),
            };
        }
    }

    /// <summary>Text read from a stream, keeping at most a number of characters; the rest is read and dropped.</summary>
    private sealed class CappedText(int capacity)
    {
        private readonly StringBuilder _kept = new();
        private readonly Lock _lock = new();

        public bool Truncated { get; private set; }

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return _kept.ToString();
                }
            }
        }

        public async Task ReadAllAsync(TextReader reader)
        {
            var buffer = new char[4096];
            int read;
            while ((read = await reader.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            {
                lock (_lock)
                {
                    var room = capacity - _kept.Length;
                    _kept.Append(buffer, 0, Math.Min(room, read));
                    Truncated |= read > room;
                }
            }
        }
    }
}
