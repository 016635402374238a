namespace ScreenPopup.Cli;

/// <summary>A usage or input-file error: one clear line on stderr, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
