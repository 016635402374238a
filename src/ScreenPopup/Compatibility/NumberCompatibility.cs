#if !NET
using System.Globalization;

namespace ScreenPopup.Compatibility;

/// <summary>.NET's span parsing missing from netstandard2.0 (and Polyfill, which has only the <c>TryParse</c> forms).</summary>
internal static class NumberCompatibility
{
    extension(int)
    {
        /// <summary>Parses an integer written in <paramref name="provider"/>'s way.</summary>
        public static int Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => int.Parse(s.ToString(), provider);

        /// <summary>Parses an integer in <paramref name="style"/>, written in <paramref name="provider"/>'s way.</summary>
        public static int Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => int.Parse(s.ToString(), style, provider);
    }
}

/// <summary>.NET's span parsing of <see cref="double"/> missing from netstandard2.0 (apart from <see cref="NumberCompatibility"/>: same signatures).</summary>
internal static class DoubleCompatibility
{
    extension(double)
    {
        /// <summary>
        /// Parses a number in <paramref name="style"/>, written in <paramref name="provider"/>'s way; a value too large for a
        /// double is an infinity, as on .NET (IEEE 754), where .NET Framework throws (<c>JSON.parse('1e400')</c> is Infinity).
        /// </summary>
        public static double Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider)
        {
            var text = s.ToString();
            try
            {
                return double.Parse(text, style, provider);
            }
            catch (OverflowException)
            {
                return text.TrimStart().StartsWith("-", StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity;
            }
        }
    }

    extension(DateTime)
    {
        /// <summary>1970-01-01T00:00:00Z, the start of Unix and JavaScript time.</summary>
        public static DateTime UnixEpoch => new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    }
}
#endif
