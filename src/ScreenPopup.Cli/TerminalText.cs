using System.Globalization;
using System.Text;

namespace ScreenPopup.Cli;

/// <summary>Caller data made safe to show on a terminal.</summary>
internal static class TerminalText
{
    /// <summary>Control and bidirectional characters shown as <c>\uXXXX</c> (a caller id must not move the cursor or reverse a row), cut to a width.</summary>
    public static string Printable(string text, int max)
    {
        var printable = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                printable.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.Length <= max ? printable.ToString() : printable.ToString(0, max - 1) + "…";
    }
}
