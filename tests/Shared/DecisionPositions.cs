namespace ScreenPopup.Tests;

/// <summary>Script positions in a decision's JSON, for comparing two decisions where where a script stopped may differ.</summary>
internal static class DecisionPositions
{
    /// <summary>
    /// <paramref name="json"/> with every script position, "(line 1, column 2)" in a message and "line"/"column" in a
    /// diagnostic, written as "(position)".
    /// </summary>
    public static string Without(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, @"\(line \d+, column \d+\)|""line"":\d+,""column"":\d+", "(position)");
}
