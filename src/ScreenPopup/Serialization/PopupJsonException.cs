namespace ScreenPopup.Serialization;

/// <summary>
/// Thrown when JSON is not a valid request or decision. The message says what is wrong, at which JSON path, line and
/// column, in the wire format's words; the parts are also properties, for tools that print positions their own way.
/// </summary>
public sealed class PopupJsonException : ScreenPopupException
{
    /// <summary>Creates the exception.</summary>
    public PopupJsonException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and where.</param>
    public PopupJsonException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The cause.</param>
    public PopupJsonException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>What is wrong, without the position, such as <c>expected a string</c>; <see langword="null"/> when not known.</summary>
    public string? Problem { get; init; }

    /// <summary>The JSON path of the value at fault, such as <c>$.call.CALL_CLI</c>; <see langword="null"/> when not known.</summary>
    public string? JsonPath { get; init; }

    /// <summary>The line of the JSON text, counted from 1; <see langword="null"/> when not known.</summary>
    public long? Line { get; init; }

    /// <summary>The position in that line, counted from 1 in UTF-8 bytes (characters, for ASCII text); <see langword="null"/> when not known.</summary>
    public long? Column { get; init; }
}
