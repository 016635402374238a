namespace ScreenPopup.Serialization;

/// <summary>Thrown when JSON is not a valid request or decision; the message gives the JSON path, line and position.</summary>
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
}
