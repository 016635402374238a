using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ScreenPopup.Tests;

/// <summary>The runner's own rules, with a fake process launcher: command line, environment, timeout, cap, failures.</summary>
public sealed class LegacyBatRunnerTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _batch;

    public LegacyBatRunnerTests() => _batch = _directory.Write("winpopup.bat", "@echo off\r\n");

    public void Dispose() => _directory.Dispose();

    private BatchInvocation Invocation(string? file = null) => new()
    {
        File = file ?? _batch,
        Environment = new Dictionary<string, string> { ["CLI"] = "1%22 %26 calc", ["PIN"] = "1234" },
    };

    private static LegacyBatRunnerOptions Options(int maxConcurrentRuns = 4, TimeSpan? timeout = null) => new()
    {
        Interpreter = BatchInterpreter.Parse("/usr/lib/wine/wine64 cmd"),
        MaxConcurrentRuns = maxConcurrentRuns,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task RunAsync_PassesCallDataOnlyInTheEnvironment()
    {
        var launcher = new FakeLauncher(exitCode: 3, output: "done");
        using var runner = new LegacyBatRunner(Options(), launcher);

        var result = await runner.RunAsync(Invocation(), TestContext.Current.CancellationToken);

        result.Status.Should().Be(BatchRunStatus.Completed);
        result.ExitCode.Should().Be(3);
        result.StandardOutput.Should().Be("done");
        var start = launcher.Started.Single();
        start.FileName.Should().Be("/usr/lib/wine/wine64");
        ArgumentsOf(start).Should().Equal("cmd", "/d", "/c", "Z:" + _batch.Replace('/', '\\'));
        start.Environment["CLI"].Should().Be("1%22 %26 calc");
        start.Environment["PIN"].Should().Be("1234");
        start.Environment.Should().ContainKey("PATH", "the parent environment is kept");
        start.WorkingDirectory.Should().Be(_directory.Path);
    }

    [Fact]
    public async Task RunAsync_BatchFileMissing_IsUnavailable()
    {
        using var runner = new LegacyBatRunner(Options(), new FakeLauncher());

        var result = await runner.RunAsync(Invocation(Path.Combine(_directory.Path, "missing.bat")), TestContext.Current.CancellationToken);

        result.Status.Should().Be(BatchRunStatus.Unavailable);
        result.Reason.Should().Be(PopupReason.BatchUnavailable);
        result.Message.Should().Contain("missing.bat").And.Contain("does not exist");
    }

    [Fact]
    public async Task RunAsync_InterpreterMissing_IsUnavailable()
    {
        using var runner = new LegacyBatRunner(new LegacyBatRunnerOptions { Interpreter = BatchInterpreter.Parse("/nonexistent/wine64 cmd") });

        var result = await runner.RunAsync(Invocation(), TestContext.Current.CancellationToken);

        result.Status.Should().Be(BatchRunStatus.Unavailable);
        result.Message.Should().Contain("/nonexistent/wine64").And.Contain("cannot be started");
    }

    [Fact]
    public async Task RunAsync_NoInterpreterOffWindows_IsUnavailable()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows always has cmd.exe.");
        using var runner = new LegacyBatRunner();

        var result = await runner.RunAsync(Invocation(), TestContext.Current.CancellationToken);

        result.Status.Should().Be(BatchRunStatus.Unavailable);
        result.Message.Should().Contain("BatchInterpreter.Wine()");
    }

    [Fact]
    public async Task RunAsync_UnsafeBatchPath_IsUnavailableWithoutStarting()
    {
        var launcher = new FakeLauncher();
        using var runner = new LegacyBatRunner(Options(), launcher);

        var result = await runner.RunAsync(Invocation(_directory.Path + "/a&calc.bat"), TestContext.Current.CancellationToken);

        result.Status.Should().Be(BatchRunStatus.Unavailable);
        launcher.Started.Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_PastTimeout_KillsTheTreeAndReportsTimedOut()
    {
        var launcher = new FakeLauncher(hang: true);
        using var runner = new LegacyBatRunner(Options(timeout: TimeSpan.FromMilliseconds(200)), launcher);

        var result = await runner.RunAsync(Invocation(), TestContext.Current.CancellationToken);

        result.Status.Should().Be(BatchRunStatus.TimedOut);
        result.ExitCode.Should().BeNull();
        launcher.Processes.Single().Killed.Should().BeTrue();
    }

    [Fact]
    public async Task RunAsync_CallerCancels_KillsAndThrows()
    {
        var launcher = new FakeLauncher(hang: true);
        using var runner = new LegacyBatRunner(Options(), launcher);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var act = () => runner.RunAsync(Invocation(), cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        launcher.Processes.Single().Killed.Should().BeTrue();
    }

    [Fact]
    public async Task RunAsync_MoreRunsThanTheCap_RunAtMostCapAtOnce()
    {
        var launcher = new FakeLauncher(hang: true);
        using var runner = new LegacyBatRunner(Options(maxConcurrentRuns: 2), launcher);

        var runs = Enumerable.Range(0, 5).Select(_ => runner.RunAsync(Invocation(), TestContext.Current.CancellationToken)).ToList();
        await launcher.WaitForStartsAsync(2);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        launcher.Started.Should().HaveCount(2, "the other three wait for a free slot");

        launcher.ReleaseAll();
        var results = await Task.WhenAll(runs);

        results.Should().OnlyContain(r => r.Status == BatchRunStatus.Completed);
        launcher.Started.Should().HaveCount(5);
        launcher.MaxRunningAtOnce.Should().Be(2);
    }

    [Fact]
    public async Task RunAsync_HugeOutput_IsCappedAndFlagged()
    {
        var launcher = new FakeLauncher(output: new string('x', 10_000));
        using var runner = new LegacyBatRunner(new LegacyBatRunnerOptions { Interpreter = BatchInterpreter.WindowsCmd, MaxOutputCharacters = 100 }, launcher);

        var result = await runner.RunAsync(Invocation(), TestContext.Current.CancellationToken);

        result.StandardOutput.Should().HaveLength(100);
        result.OutputTruncated.Should().BeTrue();
        ArgumentsOf(launcher.Started.Single()).Should().Equal("/d", "/c", _batch);
    }

    [Fact]
    public async Task RunAsync_GrandchildKeepsOutputOpen_ReturnsWhatTheBatchWrote()
    {
        var launcher = new FakeLauncher(output: "written before exit", outputNeverEnds: true);
        using var runner = new LegacyBatRunner(Options(), launcher);

        var result = await runner.RunAsync(Invocation(), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        result.Status.Should().Be(BatchRunStatus.Completed);
        result.StandardOutput.Should().Be("written before exit");
    }

    [Theory]
    [InlineData("/usr/lib/wine/wine64 cmd", "/usr/lib/wine/wine64", new[] { "cmd" }, true)]
    [InlineData("wine cmd", "wine", new[] { "cmd" }, true)]
    [InlineData("\"C:\\Program Files\\my cmd.exe\" /q", "C:\\Program Files\\my cmd.exe", new[] { "/q" }, false)]
    [InlineData("sh -c 'exit 0' x", "sh", new[] { "-c", "exit 0", "x" }, false)]
    public void Parse_SplitsLikeAShell(string commandLine, string fileName, string[] arguments, bool wine)
    {
        var interpreter = BatchInterpreter.Parse(commandLine);

        interpreter.FileName.Should().Be(fileName);
        interpreter.Arguments.Should().Equal(arguments);
        interpreter.MapsUnixPathsToWineDrive.Should().Be(wine);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("wine \"cmd")]
    public void Parse_EmptyOrUnclosed_Throws(string commandLine)
    {
        var act = () => BatchInterpreter.Parse(commandLine);

        act.Should().ThrowExactly<ArgumentException>();
    }

    /// <summary>
    /// The arguments the process gets: the .NET build fills <see cref="ProcessStartInfo.ArgumentList"/>; the netstandard2.0
    /// build has only <see cref="ProcessStartInfo.Arguments"/>, one string quoted by Windows' rules, split back here as
    /// <c>CommandLineToArgvW</c> does.
    /// </summary>
    private static List<string> ArgumentsOf(ProcessStartInfo start)
    {
        if (start.ArgumentList.Count > 0)
        {
            start.Arguments.Should().BeEmpty("the two ways of passing arguments do not mix");
            return [.. start.ArgumentList];
        }

        var arguments = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var inArgument = false;
        var text = start.Arguments;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                var backslashes = 0;
                while (i < text.Length && text[i] == '\\')
                {
                    backslashes++;
                    i++;
                }

                if (i < text.Length && text[i] == '"')
                {
                    current.Append('\\', backslashes / 2);
                    if (backslashes % 2 == 1)
                    {
                        current.Append('"');
                    }
                    else
                    {
                        quoted = !quoted;
                    }
                }
                else
                {
                    current.Append('\\', backslashes);
                    i--;
                }

                inArgument = true;
            }
            else if (c == '"')
            {
                quoted = !quoted;
                inArgument = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (inArgument)
                {
                    arguments.Add(current.ToString());
                    current.Clear();
                    inArgument = false;
                }
            }
            else
            {
                current.Append(c);
                inArgument = true;
            }
        }

        if (inArgument)
        {
            arguments.Add(current.ToString());
        }

        return arguments;
    }

    private sealed class FakeLauncher(int exitCode = 0, string output = "", bool hang = false, bool outputNeverEnds = false) : IBatchProcessLauncher
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _running;
        private int _maxRunning;

        public List<ProcessStartInfo> Started { get; } = [];

        public List<FakeProcess> Processes { get; } = [];

        public int MaxRunningAtOnce => _maxRunning;

        public IBatchProcess Start(ProcessStartInfo startInfo)
        {
            if (!File.Exists(startInfo.FileName) && startInfo.FileName.StartsWith("/nonexistent", StringComparison.Ordinal))
            {
                throw new Win32Exception(2, "No such file or directory");
            }

            var process = new FakeProcess(this, exitCode, outputNeverEnds ? new NeverEndingReader(output) : new StringReader(output), hang ? _release.Task : Task.CompletedTask);
            lock (Started)
            {
                Started.Add(startInfo);
                Processes.Add(process);
                _maxRunning = Math.Max(_maxRunning, Interlocked.Increment(ref _running));
            }

            return process;
        }

        public void ReleaseAll() => _release.TrySetResult();

        public async Task WaitForStartsAsync(int count)
        {
            while (Volatile.Read(ref _running) < count)
            {
                await Task.Delay(10);
            }
        }

        public void Exited() => Interlocked.Decrement(ref _running);
    }

    private sealed class FakeProcess(FakeLauncher launcher, int exitCode, TextReader output, Task exit) : IBatchProcess
    {
        public bool Killed { get; private set; }

        public TextReader StandardOutput { get; } = output;

        public TextReader StandardError { get; } = new StringReader("");

        public int ExitCode => exitCode;

        public async Task WaitForExitAsync(CancellationToken cancellationToken)
        {
            await exit.WaitAsync(cancellationToken);
            launcher.Exited();
        }

        public void KillTree()
        {
            Killed = true;
            launcher.Exited();
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Gives its text, then never reports the end: a pipe a grandchild process keeps open.</summary>
    private sealed class NeverEndingReader(string text) : TextReader
    {
        private bool _given;

        public override async Task<int> ReadAsync(char[] buffer, int index, int count)
        {
            if (!_given)
            {
                _given = true;
                text.CopyTo(0, buffer, index, text.Length);
                return text.Length;
            }

            await Task.Delay(Timeout.Infinite);
            return 0;
        }
    }
}
