using System.Text.Json.Serialization;
using ScreenPopup.Serialization;

namespace ScreenPopup.Legacy;

/// <summary>How a batch run ended.</summary>
[JsonConverter(typeof(WireEnumConverter<BatchRunStatus>))]
public enum BatchRunStatus
{
    /// <summary>The batch ran to its end; see <see cref="BatchRunResult.ExitCode"/>.</summary>
    [JsonStringEnumMemberName("completed")] Completed,

    /// <summary>The batch ran past <see cref="LegacyBatRunnerOptions.Timeout"/>; it and its children were killed.</summary>
    [JsonStringEnumMemberName("timedOut")] TimedOut,

    /// <summary>The batch could not be started: the file or interpreter is missing, or the path is unsafe. The popup is <see cref="PopupReason.BatchUnavailable"/>.</summary>
    [JsonStringEnumMemberName("unavailable")] Unavailable,
}

/// <summary>The outcome of one batch run.</summary>
public sealed record BatchRunResult
{
    /// <summary>How the run ended.</summary>
    public required BatchRunStatus Status { get; init; }

    /// <summary><see cref="PopupReason.BatchUnavailable"/> when the batch could not be started; otherwise <see langword="null"/>.</summary>
    public PopupReason? Reason => Status == BatchRunStatus.Unavailable ? PopupReason.BatchUnavailable : null;

    /// <summary>What happened, for <see cref="BatchRunStatus.TimedOut"/> and <see cref="BatchRunStatus.Unavailable"/>.</summary>
    public string? Message { get; init; }

    /// <summary>The interpreter's exit code, when it completed.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Standard output, up to <see cref="LegacyBatRunnerOptions.MaxOutputCharacters"/>.</summary>
    public string StandardOutput { get; init; } = "";

    /// <summary>Standard error, up to <see cref="LegacyBatRunnerOptions.MaxOutputCharacters"/>.</summary>
    public string StandardError { get; init; } = "";

    /// <summary>Whether output was dropped past the cap.</summary>
    public bool OutputTruncated { get; init; }

    /// <summary>How long the run took, from process start.</summary>
    public TimeSpan Duration { get; init; }

    internal static BatchRunResult Unavailable(string message) => new() { Status = BatchRunStatus.Unavailable, Message = message };
}
