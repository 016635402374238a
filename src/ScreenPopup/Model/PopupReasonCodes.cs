namespace ScreenPopup;

internal static class PopupReasonCodes
{
    /// <summary>The wire code of a reason (<c>scriptSyntax</c> for <see cref="PopupReason.ScriptSyntax"/>), also used as the code of error diagnostics.</summary>
    public static string ToCode(this PopupReason reason)
    {
        var name = reason.ToString();
        return string.Concat(name[..1].ToLowerInvariant(), name.AsSpan(1));
    }
}
