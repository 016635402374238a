using System.Text;

namespace ScreenPopup.Presentation;

/// <summary>
/// The URL check of the pipeline: an absolute URL with a host, an allowed scheme, no control or bidirectional-override
/// characters, at most <see cref="MaxUtf8Bytes"/> bytes, written as a browser loads it (<see cref="BrowserUrl"/>).
/// Messages describe the problem without repeating the URL, which may carry an agent secret.
/// </summary>
internal sealed class UrlPolicy
{
    /// <summary>The longest URL allowed, in UTF-8 bytes (8 KiB).</summary>
    public const int MaxUtf8Bytes = 8 * 1024;

    /// <summary>Schemes that run code or read local files; never allowed, whatever the configuration says.</summary>
    public static readonly IReadOnlyList<string> ForbiddenSchemes = ["javascript", "data", "file", "vbscript"];

    // An array scanned in order rather than a hash set: a configuration allows a handful of schemes, the scan compares
    // the span without allocating a string, and it is the same code on every target framework.
    private readonly string[] _allowedSchemes;

    public UrlPolicy(IEnumerable<string> allowedSchemes)
    {
        _allowedSchemes = allowedSchemes.Except(ForbiddenSchemes, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>Returns <see langword="null"/> when the URL may be opened, else what is wrong with it.</summary>
    /// <param name="url">The URL, placeholders bound.</param>
    /// <param name="browserUrl">The URL as a browser loads it, when it may be opened: <paramref name="url"/> itself, usually.</param>
    /// <param name="change">What writing it as a browser loads it changed, when anything was.</param>
    public string? Check(string url, out string browserUrl, out string? change)
    {
        browserUrl = url;
        change = null;
        if (CheckAsWritten(url, out var colon) is { } problem)
        {
            return problem;
        }

        if (IsPlainWebUrl(url, colon) && BrowserUrl.IsSerializedWebUrl(url, colon))
        {
            return null;
        }

        if (BrowserUrl.Serialize(url, colon, out change, out var serializationProblem) is not { } serialized)
        {
            return serializationProblem;
        }

        browserUrl = serialized;
        return serialized.Length > MaxUtf8Bytes ? TooLong : null;
    }

    /// <summary>The checks of the URL as the script wrote it; <paramref name="colon"/> is where its scheme ends.</summary>
    private string? CheckAsWritten(string url, out int colon)
    {
        colon = -1;
        if (url.Length > MaxUtf8Bytes)
        {
            return TooLong;
        }

        // Printable ASCII, the usual URL, is one byte per character and holds no control or surrogate character.
        if (url.AsSpan().ContainsAnyExceptInRange(' ', '~') && CheckCharacters(url) is { } characterProblem)
        {
            return characterProblem;
        }

        return CheckStructure(url, out colon);
    }

    private static readonly string TooLong = $"the URL is longer than {MaxUtf8Bytes} bytes; pass less data in the query string";

    /// <summary>The byte length and the characters of a URL that is not all printable ASCII.</summary>
    private static string? CheckCharacters(string url)
    {
        if (Encoding.UTF8.GetByteCount(url) > MaxUtf8Bytes)
        {
            return TooLong;
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

        return null;
    }

    private bool IsAllowed(ReadOnlySpan<char> scheme)
    {
        foreach (var allowed in _allowedSchemes)
        {
            if (scheme.Equals(allowed.AsSpan(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The scheme and, for schemes other than http(s) (whose syntax <see cref="BrowserUrl"/> checks), the rest of the URL's syntax.</summary>
    private string? CheckStructure(string url, out int colon)
    {
        colon = url.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? url.AsSpan(0, colon) : default;
        if (scheme.IsEmpty || !IsSchemeSyntax(scheme))
        {
            return "the URL is not absolute (it has no scheme such as https:); return a full URL";
        }

        if (!IsAllowed(scheme))
        {
            var name = scheme.ToString();
            return ForbiddenSchemes.Contains(name, StringComparer.OrdinalIgnoreCase)
                ? $"the URL scheme '{name}' is never allowed"
                : $"the URL scheme '{name}' is not allowed (allowed: {string.Join(", ", _allowedSchemes)}); change the URL or AllowedSchemes";
        }

        var isWeb = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) || scheme.Equals("http", StringComparison.OrdinalIgnoreCase);
        if (!isWeb && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return "the URL is not a well-formed absolute URL with a host; check the part after the scheme";
        }

        return null;
    }

    /// <summary>
    /// The common case, recognised without building a <see cref="Uri"/> (which costs more than the rest of the decision):
    /// <c>http</c> or <c>https</c>, then <c>//</c>, a host name of ASCII letters, digits, dots and hyphens that starts and
    /// ends with a letter or digit, an optional port, and a path, query or fragment without spaces or backslashes. Every URL
    /// it accepts is one <see cref="Uri"/> accepts with a host; any other URL is left to <see cref="Uri"/>.
    /// </summary>
    internal static bool IsPlainWebUrl(string url, int colon)
    {
        var scheme = url.AsSpan(0, colon);
        if (!scheme.Equals("https", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = url.AsSpan(colon + 1);
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }

        rest = rest[2..];
        var authorityEnd = rest.IndexOfAny('/', '?', '#');
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var portColon = authority.IndexOf(':');
        var host = portColon < 0 ? authority : authority[..portColon];
        if (host.IsEmpty || !char.IsAsciiLetterOrDigit(host[0]) || !char.IsAsciiLetterOrDigit(host[^1]) || host.ContainsAnyExcept(HostCharacters))
        {
            return false;
        }

        if (portColon >= 0 && !IsPort(authority[(portColon + 1)..]))
        {
            return false;
        }

        return authorityEnd < 0 || !rest[authorityEnd..].ContainsAny(' ', '\\');
    }

    private static readonly System.Buffers.SearchValues<char> HostCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");

    private static bool IsPort(ReadOnlySpan<char> port) =>
        port.Length is > 0 and <= 5 && !port.ContainsAnyExceptInRange('0', '9') && int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) <= 65535;

    /// <summary>C0 and C1 controls, DEL, and the bidirectional formatting characters used to disguise URLs.</summary>
    private static bool IsForbiddenCharacter(char c) =>
        c < 0x20 || c is >= '\u007F' and <= '\u009F' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069' || c is '\u200E' or '\u200F' or '\u061C';

    private static bool IsSchemeSyntax(ReadOnlySpan<char> scheme)
    {
        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(scheme[0]);
    }
}
