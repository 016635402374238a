namespace ScreenPopup.Placeholders;

/// <summary>Decides whether a URL may carry a secret: <c>https</c>, or <c>http</c> to the local machine.</summary>
internal static class SecureTransport
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static bool Allows(string url)
    {
        if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        const string http = "http://";
        if (!url.StartsWith(http, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var authorityEnd = url.AsSpan(http.Length).IndexOfAny("/?#");
        var authority = authorityEnd < 0 ? url.AsSpan(http.Length) : url.AsSpan(http.Length, authorityEnd);
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        var portStart = host.LastIndexOf(':');
        if (portStart >= 0 && portStart > host.LastIndexOf(']'))
        {
            host = host[..portStart];
        }

        foreach (var loopback in LoopbackHosts)
        {
            if (host.Equals(loopback, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
