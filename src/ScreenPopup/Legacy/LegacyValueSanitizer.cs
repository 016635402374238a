using System.Text;

namespace ScreenPopup.Legacy;

/// <summary>Applies a <see cref="LegacyValuePolicy"/> and the length cap to one value.</summary>
internal static class LegacyValueSanitizer
{
    private const string Metacharacters = "\"&|<>^%!()";

    /// <summary>Returns the value the batch gets; <paramref name="changed"/> says what was done, or is <see langword="null"/>.</summary>
    public static string Apply(string value, LegacyBatchOptions options, out string? changed)
    {
        changed = null;
        var text = value.Length > options.MaxValueLength ? value[..options.MaxValueLength] : value;
        var cut = text.Length < value.Length;
        if (options.ValuePolicy == LegacyValuePolicy.UnsafeRawValues)
        {
            changed = cut ? $"cut to {options.MaxValueLength} characters" : null;
            return text;
        }

        StringBuilder? result = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var control = char.IsControl(c);
            var meta = Metacharacters.Contains(c, StringComparison.Ordinal);
            if (!control && !meta)
            {
                result?.Append(c);
                continue;
            }

            result ??= new StringBuilder(text, 0, i, text.Length + 16);
            if (meta && options.ValuePolicy == LegacyValuePolicy.PercentEncode)
            {
                result.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var actions = new List<string>(2);
        if (cut)
        {
            actions.Add($"cut to {options.MaxValueLength} characters");
        }

        if (result is not null)
        {
            actions.Add(options.ValuePolicy == LegacyValuePolicy.PercentEncode
                ? "cmd metacharacters percent-encoded and control characters removed"
                : "cmd metacharacters and control characters removed");
        }

        changed = actions.Count > 0 ? string.Join(", ", actions) : null;
        return result?.ToString() ?? text;
    }
}
