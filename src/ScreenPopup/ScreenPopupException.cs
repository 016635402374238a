namespace ScreenPopup;

/// <summary>
/// The base of every exception ScreenPopup throws. Exceptions are for programming and configuration errors only:
/// a broken script, a hostile input or a breached limit is an ordinary <see cref="PopupDecision"/>, never an exception.
/// </summary>
public class ScreenPopupException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong, where, and how to fix it.</param>
    public ScreenPopupException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, where, and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public ScreenPopupException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with a default message.</summary>
    public ScreenPopupException() { }
}
