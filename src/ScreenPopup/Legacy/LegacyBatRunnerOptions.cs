namespace ScreenPopup.Legacy;

/// <summary>How <see cref="LegacyBatRunner"/> runs batch files.</summary>
public sealed class LegacyBatRunnerOptions
{
    /// <summary>
    /// The interpreter. The default value is <see langword="null"/>: <see cref="BatchInterpreter.WindowsCmd"/> on Windows;
    /// elsewhere a run is <see cref="BatchRunStatus.Unavailable"/> until one is set (such as <see cref="BatchInterpreter.Wine"/>).
    /// </summary>
    public BatchInterpreter? Interpreter { get; set; }

    /// <summary>The working directory. The default value is <see langword="null"/>: the batch file's directory.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>How long a run may take; then the process and its children are killed. The default value is 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many batch files may run at once; more runs wait for a free slot. The default value is 4.</summary>
    public int MaxConcurrentRuns { get; set; } = 4;

    /// <summary>How many characters of standard output, and of standard error, are kept; the rest is read and dropped. The default value is 65,536.</summary>
    public int MaxOutputCharacters { get; set; } = 64 * 1024;
}
