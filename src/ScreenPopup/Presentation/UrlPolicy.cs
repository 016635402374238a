using System.Text;

namespace ScreenPopup;

/// <summary>
/// The URL check of the pipeline: an absolute URL with a host, an allowed scheme, no control or bidirectional-override
/// characters, at most <see cref="MaxUtf8Bytes"/> bytes. Messages describe the problem without repeating the URL,
/// which may carry an agent secret.
/// </summary>
internal sealed class UrlPolicy
{
    /// <summary>The longest URL allowed, in UTF-8 bytes (8 KiB).</summary>
    public const int MaxUtf8Bytes = 8 * 1024;

    /// <summary>Schemes that run code or read local files; never allowed, whatever the configuration says.</summary>
    public static readonly IReadOnlyList<string> ForbiddenSchemes = ["javascript", "data", "file", "vbscript"];

    private readonly HashSet<string> _allowedSchemes;

    public UrlPolicy(IEnumerable<string> allowedSchemes) =>
        _allowedSchemes = new HashSet<string>(allowedSchemes.Except(ForbiddenSchemes, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns <see langword="null"/> when the URL may be opened, else what is wrong with it.</summary>
    public string? Check(string url)
    {
        if (url.Length > MaxUtf8Bytes || Encoding.UTF8.GetByteCount(url) > MaxUtf8Bytes)
        {
            return $"the URL is longer than {MaxUtf8Bytes} bytes; pass less data in the query string";
        }

        for (var i = 0; i < url.Length; i++)
        {
            if (IsForbiddenCharacter(url[i]))
            {
                return $"the URL holds the control character U+{(int)url[i]:X4} at character {i + 1}; encode values with encodeURIComponent";
            }

            if (char.IsSurrogate(url[i]))
            {
                if (!char.IsHighSurrogate(url[i]) || i + 1 == url.Length || !char.IsLowSurrogate(url[i + 1]))
                {
                    return $"the URL holds an unpaired UTF-16 surrogate at character {i + 1}; it cannot be encoded: check the data the script puts in the URL";
                }

                i++;
            }
        }

        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? url[..colon] : "";
        if (scheme.Length == 0 || !IsSchemeSyntax(scheme))
        {
            return "the URL is not absolute (it has no scheme such as https:); return a full URL";
        }

        if (!_allowedSchemes.Contains(scheme))
        {
            return ForbiddenSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase)
                ? $"the URL scheme '{scheme}' is never allowed"
                : $"the URL scheme '{scheme}' is not allowed (allowed: {string.Join(", ", _allowedSchemes)}); change the URL or AllowedSchemes";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme is "http" or "https" && uri.Host.Length == 0))
        {
            return "the URL is not a well-formed absolute URL with a host; check the part after the scheme";
        }

        return null;
    }

    /// <summary>C0 and C1 controls, DEL, and the bidirectional formatting characters used to disguise URLs.</summary>
    private static bool IsForbiddenCharacter(char c) =>
        c < 0x20 || c is >= '\u007F' and <= '\u009F' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069' || c is '\u200E' or '\u200F' or '\u061C';

    private static bool IsSchemeSyntax(string scheme) =>
        char.IsAsciiLetter(scheme[0]) && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
}
