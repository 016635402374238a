namespace ScreenPopup;

/// <summary>
/// Keeps messages in decisions, diagnostics and logs short whatever a script throws: <c>throw new Error('x'.repeat(1e6))</c>
/// would otherwise put two megabytes into a decision and a log line.
/// </summary>
internal static class BoundedMessage
{
    /// <summary>The longest message kept whole, in characters.</summary>
    public const int MaxLength = 1_000;

    /// <summary>The message, or its first <paramref name="maxLength"/> characters and how many were left out.</summary>
    /// <param name="message">The message.</param>
    /// <param name="maxLength">The longest message kept whole; <see cref="MaxLength"/> by default, less for a part of a message.</param>
    public static string Of(string message, int maxLength = MaxLength)
    {
        if (message.Length <= maxLength)
        {
            return message;
        }

        // Never end on the first half of a surrogate pair.
        var kept = char.IsHighSurrogate(message[maxLength - 1]) ? maxLength - 1 : maxLength;
        return string.Concat(message.AsSpan(0, kept), $"… ({message.Length - kept} more characters)");
    }
}
