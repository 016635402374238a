namespace ScreenPopup;

/// <summary>Thrown when <see cref="ScreenPopupOptions"/> are invalid; <see cref="Errors"/> lists every problem found, each with its configuration path.</summary>
public sealed class ScreenPopupConfigurationException : ScreenPopupException
{
    /// <summary>Creates the exception for a list of problems.</summary>
    /// <param name="errors">Every problem, each naming its configuration path (and script position for script errors).</param>
    public ScreenPopupConfigurationException(IReadOnlyList<string> errors)
        : base($"The ScreenPopup configuration is invalid ({errors?.Count} problem{(errors?.Count == 1 ? "" : "s")}):{Environment.NewLine}" +
               string.Join(Environment.NewLine, (errors ?? []).Select(e => "  - " + e)))
    {
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception with no problem list.</summary>
    public ScreenPopupConfigurationException() : this([]) { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ScreenPopupConfigurationException(string message) : base(message) => Errors = [message];

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ScreenPopupConfigurationException(string message, Exception? innerException) : base(message, innerException) => Errors = [message];

    /// <summary>Every problem found, each naming its configuration path.</summary>
    public IReadOnlyList<string> Errors { get; }
}
