using System.Text;

namespace ScreenPopup.Placeholders;

/// <summary>RFC 3986 percent-encoding of UTF-8 text, keeping only the unreserved characters <c>A–Z a–z 0–9 - . _ ~</c>.</summary>
internal static class PercentEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Encodes a value; an unpaired surrogate becomes U+FFFD (<c>%EF%BF%BD</c>).</summary>
    public static void Append(StringBuilder target, ReadOnlySpan<char> value) => Append(target, value, IsUnreserved);

    /// <summary>Encodes a value's UTF-8 bytes, except those <paramref name="keeps"/> keeps as they are; an unpaired surrogate becomes U+FFFD.</summary>
    public static void Append(StringBuilder target, ReadOnlySpan<char> value, Func<byte, bool> keeps)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> utf8 = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        foreach (var b in utf8[..Encoding.UTF8.GetBytes(value, utf8)])
        {
            if (keeps(b))
            {
                target.Append((char)b);
            }
            else
            {
                target.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';
}
