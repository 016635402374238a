using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ScreenPopup.Placeholders;

namespace ScreenPopup.Presentation;

/// <summary>
/// The URL a browser loads for a popup URL: its WHATWG URL Standard serialization, which is what the decision carries,
/// so that what an agent's browser, a WebView or the TVox Client (which passes the URL on a command line, where a raw
/// space would split it) open is exactly the decision's URL. For <c>http</c> and <c>https</c>: the scheme and host
/// lower-cased, a non-ASCII host in its ASCII (punycode) form, a default or empty port removed, backslashes read as
/// slashes, <c>.</c> and <c>..</c> path segments resolved, an empty path made <c>/</c>, spaces at either end dropped, and
/// the characters the standard percent-encodes in the path, query and fragment encoded as UTF-8 (a space, a non-ASCII
/// character, <c>"</c>, <c>&lt;</c>, <c>&gt;</c>, and per part <c>`</c>, <c>{</c>, <c>}</c>, <c>'</c>); existing
/// <c>%XX</c> escapes are kept. For any other scheme: spaces and non-ASCII characters percent-encoded. Pending agent
/// placeholders (<c>{$NAME}</c>, <c>&lt;$NAME&gt;</c>) are kept as they are, for the client to bind.
/// </summary>
/// <remarks>
/// Refused, with a message saying how to write it instead: a user name or password before the host
/// (<c>https://crm.example@attacker.example/</c> reads like a CRM address and is not one), a host the standard would
/// reinterpret as an IPv4 address written otherwise than in dotted decimal (<c>http://0x7f.1/</c>), a host with a
/// character no host may hold, an IPv6 zone, a port that is not a number up to 65535, and an <c>http(s)</c> URL without
/// <c>//</c> after the scheme. The differential property test compares the result with Node's <c>URL</c>.
/// </remarks>
internal static class BrowserUrl
{
    /// <summary>What in the path, query or fragment of an http(s) URL needs a look (fast path): characters some part encodes, backslashes, and the dots and escapes of dot segments.</summary>
    private static readonly SearchValues<char> NeedsALookInWebUrl = SearchValues.Create(" \"<>`{}'\\%.");

    private static readonly SearchValues<char> HexDigitsLowerCase = SearchValues.Create("0123456789abcdef");

    private static readonly SearchValues<char> ForbiddenHostCharacters = SearchValues.Create(" #%/:<>?@[\\]^|");

    /// <summary>The URL as a browser loads it, or null when it cannot be written so (<paramref name="problem"/> says why); <paramref name="change"/> says what was changed, when anything was.</summary>
    public static string? Serialize(string url, int schemeEnd, out string? change, out string? problem)
    {
        change = null;
        problem = null;
        var scheme = url.AsSpan(0, schemeEnd);
        var isWeb = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) || scheme.Equals("http", StringComparison.OrdinalIgnoreCase);
        return isWeb ? SerializeWebUrl(url, schemeEnd, ref change, ref problem) : SerializeOtherUrl(url, ref change);
    }

    /// <summary>A URL of a scheme the standard does not know: spaces and non-ASCII characters encoded, nothing else.</summary>
    private static string SerializeOtherUrl(string url, ref string? change)
    {
        if (!url.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            return url;
        }

        var encoded = new StringBuilder(url.Length + 16);
        AppendEncoded(encoded, url, static c => c == ' ');
        change = "spaces and non-ASCII characters percent-encoded";
        return encoded.ToString();
    }

    private static string? SerializeWebUrl(string url, int schemeEnd, ref string? change, ref string? problem)
    {
        var trimmed = url.AsSpan().TrimEnd(' '); // a leading space is no URL: the policy refuses it
        var changes = new List<string>(2);
        if (trimmed.Length != url.Length)
        {
            changes.Add("spaces at the ends dropped");
        }

        var scheme = trimmed[..schemeEnd].ToString();
        var lowerScheme = scheme.ToLowerInvariant();
        if (lowerScheme != scheme)
        {
            changes.Add("scheme lower-cased");
        }

        var rest = trimmed[(schemeEnd + 1)..];
        if (!rest.StartsWith("//", StringComparison.Ordinal) || rest.Length == 2 || rest[2] is '/' or '\\')
        {
            problem = $"write the URL as {lowerScheme}://host/path: a browser would read the host from what follows '{lowerScheme}:' differently";
            return null;
        }

        rest = rest[2..];
        var authorityEnd = rest.IndexOfAny("/\\?#");
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? [] : rest[authorityEnd..];
        if (authority.Contains('@'))
        {
            problem = "the URL has a user name or password before the host (user@host), which browsers refuse or warn about and which can make one host look like another; pass credentials in the query";
            return null;
        }

        if (Authority(authority, lowerScheme, changes, ref problem) is not { } host)
        {
            return null;
        }

        var serialized = new StringBuilder(url.Length + 16).Append(lowerScheme).Append("://").Append(host);
        AppendPathQueryFragment(serialized, tail, changes);
        if (changes.Count > 0)
        {
            change = string.Join(", ", changes);
        }

        var result = serialized.ToString();
        return change is null && result.Length == url.Length ? url : result;
    }

    /// <summary>The host and port as the standard serializes them, or null when the authority cannot be one.</summary>
    private static string? Authority(ReadOnlySpan<char> authority, string scheme, List<string> changes, ref string? problem)
    {
        ReadOnlySpan<char> host;
        ReadOnlySpan<char> port;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                problem = "the URL's IPv6 host has no closing ']'";
                return null;
            }

            host = authority[..(close + 1)];
            var after = authority[(close + 1)..];
            if (!after.IsEmpty && after[0] != ':')
            {
                problem = "the URL has characters after its IPv6 host ']' that are not a port";
                return null;
            }

            port = after.IsEmpty ? [] : after[1..];
            if (after is ":")
            {
                changes.Add("empty port removed");
            }
        }
        else
        {
            var colon = authority.IndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            port = colon < 0 ? [] : authority[(colon + 1)..];
            if (colon >= 0 && port.IsEmpty)
            {
                changes.Add("empty port removed");
            }
        }

        if (Host(host, changes, ref problem) is not { } serializedHost)
        {
            return null;
        }

        if (port.IsEmpty)
        {
            return serializedHost;
        }

        var digits = port.TrimStart('0');
        var number = 0;
        if (port.ContainsAnyExceptInRange('0', '9') || digits.Length > 5 || (!digits.IsEmpty && (number = int.Parse(digits, CultureInfo.InvariantCulture)) > 65535))
        {
            problem = "the URL's port is not a number from 0 to 65535";
            return null;
        }

        if ((scheme == "http" && number == 80) || (scheme == "https" && number == 443))
        {
            changes.Add("default port removed");
            return serializedHost;
        }

        var portText = number.ToString(CultureInfo.InvariantCulture);
        if (portText.Length != port.Length)
        {
            changes.Add("port written without leading zeros");
        }

        return serializedHost + ":" + portText;
    }

    private static string? Host(ReadOnlySpan<char> host, List<string> changes, ref string? problem)
    {
        if (host.IsEmpty)
        {
            problem = "the URL has no host; return a full URL such as https://crm.example/";
            return null;
        }

        if (host[0] == '[')
        {
            if (host.Contains('%') || !IPAddress.TryParse(host[1..^1], out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                problem = "the URL's IPv6 host is not a valid IPv6 address (a zone such as %eth0 is not allowed)";
                return null;
            }

            var ipv6 = "[" + SerializeIpv6(address) + "]";
            if (!host.SequenceEqual(ipv6))
            {
                changes.Add("IPv6 host written in its shortest form");
            }

            return ipv6;
        }

        string ascii;
        if (host.ContainsAnyExceptInRange('\0', '\u007F'))
        {
            try
            {
                ascii = new IdnMapping { AllowUnassigned = false, UseStd3AsciiRules = false }.GetAscii(host.ToString()).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                problem = "the URL's host is not a valid internationalized domain name";
                return null;
            }

            changes.Add("host written in its ASCII (punycode) form");
        }
        else
        {
            ascii = host.ToString().ToLowerInvariant();
            if (!host.SequenceEqual(ascii))
            {
                changes.Add("host lower-cased");
            }
        }

        if (ascii.AsSpan().ContainsAny(ForbiddenHostCharacters) || ascii.AsSpan().ContainsAnyInRange('\0', '\u001F') || ascii.Contains('\u007F'))
        {
            problem = "the URL's host holds a character no host name may hold (a space or one of # % / : < > ? @ [ \\ ] ^ |)";
            return null;
        }

        if (EndsInANumber(ascii) && !IsDottedDecimal(ascii))
        {
            problem = "the URL's host reads as an IPv4 address written otherwise than in dotted decimal (such as 0x7f.1 or 2130706433), which a browser would rewrite; write it as four numbers from 0 to 255 (127.0.0.1)";
            return null;
        }

        return ascii;
    }

    /// <summary>Whether the standard parses the host as an IPv4 address: its last label (before a final dot) is a number, decimal or 0x-hexadecimal.</summary>
    private static bool EndsInANumber(string host)
    {
        var labels = host.Split('.');
        var last = labels[^1].Length == 0 && labels.Length > 1 ? labels[^2] : labels[^1];
        return last.Length > 0 && (!last.AsSpan().ContainsAnyExceptInRange('0', '9') ||
            (last.StartsWith("0x", StringComparison.Ordinal) && !last.AsSpan(2).ContainsAnyExcept(HexDigitsLowerCase)));
    }

    /// <summary>Four decimal numbers from 0 to 255 without leading zeros: the one IPv4 spelling the standard keeps.</summary>
    private static bool IsDottedDecimal(string host)
    {
        var parts = host.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && !p.AsSpan().ContainsAnyExceptInRange('0', '9') && (p.Length == 1 || p[0] != '0') && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>The standard's IPv6 serialization: eight lower-case hexadecimal pieces, the first longest run of two or more zero pieces compressed.</summary>
    private static string SerializeIpv6(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var pieces = new int[8];
        for (var i = 0; i < 8; i++)
        {
            pieces[i] = (bytes[2 * i] << 8) | bytes[(2 * i) + 1];
        }

        var (bestStart, bestLength) = (-1, 1);
        for (var i = 0; i < 8;)
        {
            var j = i;
            while (j < 8 && pieces[j] == 0)
            {
                j++;
            }

            if (j - i > bestLength)
            {
                (bestStart, bestLength) = (i, j - i);
            }

            i = j == i ? i + 1 : j;
        }

        var text = new StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                text.Append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }

            text.Append(pieces[i].ToString("x", CultureInfo.InvariantCulture));
            if (i < 7)
            {
                text.Append(':');
            }
        }

        return text.ToString();
    }

    /// <summary>Appends the path (segments resolved, backslashes as slashes), query and fragment, each encoded with its part's set.</summary>
    private static void AppendPathQueryFragment(StringBuilder target, ReadOnlySpan<char> tail, List<string> changes)
    {
        var fragmentStart = tail.IndexOf('#');
        var beforeFragment = fragmentStart < 0 ? tail : tail[..fragmentStart];
        var queryStart = beforeFragment.IndexOf('?');
        var path = queryStart < 0 ? beforeFragment : beforeFragment[..queryStart];

        var pathStart = target.Length;
        AppendPath(target, path, changes);
        if (target.Length == pathStart)
        {
            target.Append('/');
            changes.Add("empty path made /");
        }

        if (queryStart >= 0)
        {
            target.Append('?');
            AppendPart(target, beforeFragment[(queryStart + 1)..], static c => c is ' ' or '"' or '<' or '>' or '\'', changes);
        }

        if (fragmentStart >= 0)
        {
            target.Append('#');
            AppendPart(target, tail[(fragmentStart + 1)..], static c => c is ' ' or '"' or '<' or '>' or '`', changes);
        }
    }

    private static void AppendPath(StringBuilder target, ReadOnlySpan<char> path, List<string> changes)
    {
        if (path.Contains('\\'))
        {
            changes.Add("backslashes read as slashes");
        }

        var segments = new List<string>();
        var rest = path.IsEmpty ? [] : path[1..];
        var resolved = false;
        while (true)
        {
            var end = rest.IndexOfAny('/', '\\');
            var segment = end < 0 ? rest : rest[..end];
            var isLast = end < 0;
            if (IsDoubleDot(segment))
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                resolved = true;
                if (isLast)
                {
                    segments.Add("");
                }
            }
            else if (IsSingleDot(segment))
            {
                resolved = true;
                if (isLast)
                {
                    segments.Add("");
                }
            }
            else
            {
                var encoded = new StringBuilder(segment.Length);
                AppendPart(encoded, segment, static c => c is ' ' or '"' or '<' or '>' or '`' or '{' or '}' or '#' or '?', changes);
                segments.Add(encoded.ToString());
            }

            if (isLast)
            {
                break;
            }

            rest = rest[(end + 1)..];
        }

        if (resolved)
        {
            changes.Add(". and .. path segments resolved");
        }

        if (path.IsEmpty)
        {
            return;
        }

        foreach (var segment in segments)
        {
            target.Append('/').Append(segment);
        }
    }

    private static bool IsSingleDot(ReadOnlySpan<char> segment) => segment is "." || segment.Equals("%2e", StringComparison.OrdinalIgnoreCase);

    private static bool IsDoubleDot(ReadOnlySpan<char> segment) =>
        segment is ".." || segment.Equals(".%2e", StringComparison.OrdinalIgnoreCase) || segment.Equals("%2e.", StringComparison.OrdinalIgnoreCase) || segment.Equals("%2e%2e", StringComparison.OrdinalIgnoreCase);

    /// <summary>Appends <paramref name="part"/>, percent-encoding non-ASCII characters and those <paramref name="encodes"/> names, and keeping pending placeholders whole.</summary>
    private static void AppendPart(StringBuilder target, ReadOnlySpan<char> part, Func<char, bool> encodes, List<string> changes)
    {
        var before = target.Length;
        var partText = part.ToString();
        var placeholders = PlaceholderScanner.Find(partText);
        var copied = 0;
        foreach (var placeholder in placeholders)
        {
            AppendEncoded(target, partText.AsSpan(copied, placeholder.Start - copied), encodes);
            target.Append(partText, placeholder.Start, placeholder.Length);
            copied = placeholder.Start + placeholder.Length;
        }

        AppendEncoded(target, partText.AsSpan(copied), encodes);
        if (target.Length - before != part.Length && !changes.Contains(EncodedChange))
        {
            changes.Add(EncodedChange);
        }
    }

    private const string EncodedChange = "characters a browser encodes percent-encoded";

    /// <summary>Appends <paramref name="text"/>, percent-encoding as UTF-8 every non-ASCII character and those <paramref name="encodes"/> names.</summary>
    private static void AppendEncoded(StringBuilder target, ReadOnlySpan<char> text, Func<char, bool> encodes) =>
        PercentEncoding.Append(target, text, b => b < 0x80 && !encodes((char)b));

    /// <summary>
    /// Whether a plain http(s) URL (one <see cref="UrlPolicy.IsPlainWebUrl"/> accepts) is certainly its own serialization, so
    /// that the usual URL needs no more than this scan: lower-case scheme and host, no port, a path, printable ASCII after the
    /// host with nothing any part encodes, and no dot segment.
    /// </summary>
    public static bool IsSerializedWebUrl(string url, int schemeEnd)
    {
        if (url.AsSpan(0, schemeEnd).ContainsAnyInRange('A', 'Z'))
        {
            return false;
        }

        var rest = url.AsSpan(schemeEnd + 3);
        var authorityEnd = rest.IndexOfAny('/', '?', '#');
        if (authorityEnd < 0 || rest[authorityEnd] != '/')
        {
            return false; // the path "/" is added
        }

        var authority = rest[..authorityEnd];
        if (authority.ContainsAnyInRange('A', 'Z') || authority.Contains(':') || EndsInDigit(authority))
        {
            return false;
        }

        var tail = rest[authorityEnd..];
        if (tail.ContainsAnyExceptInRange('!', '~'))
        {
            return false;
        }

        for (var look = tail.IndexOfAny(NeedsALookInWebUrl); look >= 0;)
        {
            // Dots and escapes are fine unless they make a dot segment; anything else in the set is encoded somewhere.
            if (tail[look] is not ('.' or '%') || (tail[look - 1] == '/' && IsDotSegmentStart(tail[look..])))
            {
                return false;
            }

            var next = tail[(look + 1)..].IndexOfAny(NeedsALookInWebUrl);
            look = next < 0 ? -1 : look + 1 + next;
        }

        return true;
    }

    private static bool EndsInDigit(ReadOnlySpan<char> host)
    {
        var trimmed = host.TrimEnd('.');
        return !trimmed.IsEmpty && char.IsAsciiDigit(trimmed[^1]);
    }

    private static bool IsDotSegmentStart(ReadOnlySpan<char> from)
    {
        var end = from.IndexOfAny("/?#");
        var segment = end < 0 ? from : from[..end];
        return IsSingleDot(segment) || IsDoubleDot(segment);
    }
}
