using ScreenPopup.Scripting;

namespace ScreenPopup;

/// <summary>The limits a popup script runs under. Every evaluation that breaks one becomes an error decision.</summary>
public sealed class SandboxOptions
{
    /// <summary>
    /// The wall-clock time one evaluation may run: the script body and the popup function together.
    /// The default value is 100 milliseconds. Breaking it gives <see cref="PopupReason.ScriptTimeout"/>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The number of statements the script body, and then the popup function, may each execute.
    /// The default value is 100,000. Breaking it gives <see cref="PopupReason.ScriptLimit"/>.
    /// </summary>
    public int MaxStatements { get; set; } = 100_000;

    /// <summary>
    /// The bytes the script body, and then the popup function, may each allocate, checked between statements.
    /// The default value is 16,000,000. Breaking it gives <see cref="PopupReason.ScriptLimit"/>.
    /// </summary>
    public long MemoryLimitBytes { get; set; } = 16_000_000;

    /// <summary>
    /// How many times one function may be on the call stack at once, counted at every call; 0, the default, counts nothing.
    /// Breaking it gives <see cref="PopupReason.ScriptLimit"/>, past the script's own <c>try</c>/<c>catch</c>.
    /// </summary>
    /// <remarks>
    /// Runaway recursion never needs this limit to end: the engine's stack guard, always on, throws a <c>RangeError</c>
    /// in the script when any recursion (calls, getters, <c>toString</c>/<c>valueOf</c> coercions, proxy traps, bound
    /// functions, tagged templates) nears the end of the thread's stack, and uncaught that is
    /// <see cref="PopupReason.ScriptLimit"/> too. Set a count to make the depth where a script fails the same on every
    /// thread, whatever its stack size; counting costs about 8% of a decision for a script with twenty calls
    /// (<c>bench/README.md</c>).
    /// </remarks>
    public int MaxRecursion { get; set; }

    /// <summary>
    /// The time one regular-expression match may take. The default value is 50 milliseconds.
    /// Breaking it gives <see cref="PopupReason.ScriptTimeout"/>, even inside the script's own <c>try</c>/<c>catch</c>.
    /// </summary>
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest string <c>repeat</c>, <c>padStart</c>, <c>padEnd</c>, <c>join</c> and <c>replace</c> may build, in
    /// characters: single built-in calls that would otherwise allocate far past <see cref="MemoryLimitBytes"/> before it
    /// is checked. The default value is 1,000,000. Breaking it throws a <c>RangeError</c> in the script.
    /// </summary>
    public int MaxStringLength { get; set; } = 1_000_000;

    /// <summary>The longest array a script may create or join. The default value is 100,000. Breaking it throws a <c>RangeError</c> in the script.</summary>
    public int MaxArrayLength { get; set; } = 100_000;

    /// <summary>
    /// The longest value a call variable may carry into a script, in characters; a longer one is cut, with a
    /// <c>valueTruncated</c> diagnostic. The default value is 65,536.
    /// </summary>
    public int MaxVariableLength { get; set; } = 65_536;

    /// <summary>The most <c>CALL_POPUPINFO</c> items a script sees; further items are dropped, with a <c>valueTruncated</c> diagnostic. The default value is 100.</summary>
    public int MaxPopupInfoItems { get; set; } = 100;

    /// <summary>
    /// How many timeouts or limit hits in a row quarantine a script: its decisions become
    /// <see cref="PopupReason.ScriptQuarantined"/> at once, without running it, for <see cref="QuarantineDuration"/>. The
    /// default value is 5; 0 turns quarantine off.
    /// </summary>
    public int QuarantineAfter { get; set; } = 5;

    /// <summary>How long a quarantine lasts; a configuration change lifts it sooner. The default value is one minute.</summary>
    public TimeSpan QuarantineDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every problem of these limits at once, each at its configuration path under <paramref name="path"/>.</summary>
    internal IEnumerable<ConfigurationProblem> Validate(string path)
    {
        (string Name, bool Valid, string Fix)[] checks =
        [
            (nameof(Timeout), Timeout > TimeSpan.Zero, "must be positive, such as 00:00:00.100"),
            (nameof(RegexTimeout), RegexTimeout > TimeSpan.Zero, "must be positive, such as 00:00:00.050"),
            (nameof(MaxStatements), MaxStatements > 0, "must be positive"),
            (nameof(MemoryLimitBytes), MemoryLimitBytes > 0, "must be positive"),
            (nameof(MaxRecursion), MaxRecursion >= 0, "must be 0 (calls not counted: the stack guard ends runaway recursion) or positive"),
            (nameof(MaxStringLength), MaxStringLength > 0, "must be positive"),
            (nameof(MaxArrayLength), MaxArrayLength > 0, "must be positive"),
            (nameof(MaxVariableLength), MaxVariableLength > 0, "must be positive"),
            (nameof(MaxPopupInfoItems), MaxPopupInfoItems > 0, "must be positive"),
            (nameof(QuarantineAfter), QuarantineAfter >= 0, "must be 0 (off) or positive"),
            (nameof(QuarantineDuration), QuarantineDuration > TimeSpan.Zero, "must be positive, such as 00:01:00"),
        ];
        return checks.Where(check => !check.Valid).Select(check => new ConfigurationProblem { Path = $"{path}:{check.Name}", Message = check.Fix });
    }

    /// <summary>An immutable copy of these limits, for the sandbox; call it on validated options.</summary>
    internal SandboxLimits ToLimits() => new()
    {
        Timeout = Timeout,
        MaxStatements = MaxStatements,
        MemoryLimitBytes = MemoryLimitBytes,
        MaxRecursion = MaxRecursion,
        RegexTimeout = RegexTimeout,
        MaxStringLength = MaxStringLength,
        MaxArrayLength = MaxArrayLength,
        MaxVariableLength = MaxVariableLength,
        MaxPopupInfoItems = MaxPopupInfoItems,
        QuarantineAfter = QuarantineAfter,
        QuarantineDuration = QuarantineDuration,
    };
}
