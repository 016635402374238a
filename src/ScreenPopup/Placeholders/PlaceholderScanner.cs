namespace ScreenPopup.Placeholders;

/// <summary>Finds <c>{$NAME}</c> and <c>&lt;$NAME&gt;</c> in a URL; NAME is a letter or underscore followed by letters, digits or underscores.</summary>
internal static class PlaceholderScanner
{
    /// <summary>A placeholder at <paramref name="Start"/> in a URL; <paramref name="Text"/> is what it stands for when that is not the URL's own text there (a mark).</summary>
    internal readonly record struct Placeholder(int Start, int Length, string Name, string? Text = null)
    {
        /// <summary>The placeholder as written, for a message or to leave it pending.</summary>
        public string TextIn(string url) => Text ?? url.Substring(Start, Length);
    }

    public static IReadOnlyList<Placeholder> Find(string url)
    {
        List<Placeholder>? found = null;
        var index = url.IndexOf('$', StringComparison.Ordinal);
        while (index >= 0)
        {
            var closing = index == 0 ? '\0' : url[index - 1] switch { '{' => '}', '<' => '>', _ => '\0' };
            var end = index + 1;
            while (end < url.Length && IsNameChar(url[end], first: end == index + 1))
            {
                end++;
            }

            if (closing != '\0' && end > index + 1 && end < url.Length && url[end] == closing)
            {
                found ??= new List<Placeholder>(capacity: 1); // usually the only one
                found.Add(new Placeholder(index - 1, end - index + 2, NameOf(url.AsSpan((index + 1)..end))));
            }

            index = end < url.Length ? url.IndexOf('$', end) : -1;
        }

        return found ?? (IReadOnlyList<Placeholder>)[];
    }

    /// <summary>The name as a string: the known names without allocating, any other name copied.</summary>
    private static string NameOf(ReadOnlySpan<char> name)
    {
        foreach (var known in AgentPlaceholders.KnownNames)
        {
            if (name.SequenceEqual(known))
            {
                return known;
            }
        }

        return name.ToString();
    }

    private static bool IsNameChar(char c, bool first) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_' || (!first && c is >= '0' and <= '9');
}
