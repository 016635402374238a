namespace ScreenPopup;

/// <summary>Thrown when <see cref="ScreenPopupOptions"/> are invalid; <see cref="Problems"/> lists every problem found, each with its configuration path.</summary>
public sealed class ScreenPopupConfigurationException : ScreenPopupException
{
    /// <summary>Creates the exception for a list of problems.</summary>
    /// <param name="problems">Every problem, each with its configuration path (and script position for script errors).</param>
    public ScreenPopupConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(FormatMessage(problems ?? []))
    {
        Problems = problems ?? [];
        Errors = [.. Problems.Select(p => p.ToString())];
    }

    /// <summary>Creates the exception with no problem list.</summary>
    public ScreenPopupConfigurationException() : this([]) { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ScreenPopupConfigurationException(string message) : this(message, null) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ScreenPopupConfigurationException(string message, Exception? innerException) : base(message, innerException)
    {
        Problems = [new ConfigurationProblem { Path = ScreenPopupOptions.SectionName, Message = message }];
        Errors = [message];
    }

    /// <summary>Every problem found, structured: path, message, and for scripts the file and diagnostic.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    /// <summary>Every problem found, formatted as <see cref="ConfigurationProblem.ToString"/>.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string FormatMessage(IReadOnlyList<ConfigurationProblem> problems) =>
        $"The ScreenPopup configuration is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):{Environment.NewLine}" +
        string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}
