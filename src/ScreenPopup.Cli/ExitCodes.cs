namespace ScreenPopup.Cli;

/// <summary>The tool's exit codes, as docs/cli.md documents them.</summary>
internal static class ExitCodes
{
    /// <summary>Done: every decision open, none or runBatch; no error diagnostic; the batch exited 0.</summary>
    public const int Success = 0;

    /// <summary>The work ran and found a problem: an error decision, an error diagnostic, a batch that failed.</summary>
    public const int Failure = 1;

    /// <summary>A usage or input-file error: nothing (or, for a stream, nothing after the bad line) was evaluated.</summary>
    public const int UsageOrInput = 2;

    /// <summary>Stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
