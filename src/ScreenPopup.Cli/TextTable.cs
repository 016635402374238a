using System.Text;

namespace ScreenPopup.Cli;

/// <summary>A plain-text table with aligned columns.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row.</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Prints the table.</summary>
    public void Print(TextWriter output)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        output.WriteLine(Format(headers, widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        _rows.ForEach(row => output.WriteLine(Format(row, widths)));
    }

    /// <summary>Text safe for a terminal: control and bidirectional characters shown as <c>\uXXXX</c>, cut to a width.</summary>
    public static string Printable(string text, int max)
    {
        var printable = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                printable.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.Length <= max ? printable.ToString() : printable.ToString(0, max - 1) + "…";
    }

    private static string Format(string[] cells, int[] widths) => string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
