namespace ScreenPopup.Diagnostics;

/// <summary>Masks caller numbers for logs: the first three and last two characters stay, the rest become <c>*</c>.</summary>
internal static class CallerMask
{
    private const int Kept = 5;

    public static string Mask(string caller) =>
        caller.Length <= Kept + 1
            ? new string('*', caller.Length)
            : string.Concat(caller.AsSpan(0, 3), new string('*', caller.Length - Kept), caller.AsSpan(caller.Length - 2));

    /// <summary>Replaces every occurrence of the caller number in a message (a script may put it in an error).</summary>
    public static string MaskIn(string message, string caller) =>
        caller.Length < 3 ? message : message.Replace(caller, Mask(caller), StringComparison.Ordinal);
}
