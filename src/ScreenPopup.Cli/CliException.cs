namespace ScreenPopup.Cli;

/// <summary>A usage or input-file error: one clear line on stderr, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message)
{
    /// <summary>Creates the exception with a default message.</summary>
    public CliException() : this("invalid command line") { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The one-line message.</param>
    /// <param name="innerException">The cause.</param>
    public CliException(string message, Exception innerException) : this(message) => _ = innerException;
}
