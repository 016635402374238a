#if !NET
global using ScreenPopup.Compatibility;
using System.Text;

namespace ScreenPopup.Compatibility;

// .NET's string members the library uses that netstandard2.0 and Polyfill lack. Same behaviour, more allocations: the
// netstandard2.0 build serves .NET Framework hosts, the speed goals are the .NET build's.

/// <summary>.NET's <see cref="string"/> members missing from netstandard2.0.</summary>
internal static class StringCompatibility
{
    extension(string)
    {
        /// <summary>Concatenates two spans.</summary>
        public static string Concat(ReadOnlySpan<char> first, ReadOnlySpan<char> second) => first.ToString() + second.ToString();

        /// <summary>Concatenates three spans.</summary>
        public static string Concat(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third) =>
            first.ToString() + second.ToString() + third.ToString();
    }

    extension(string text)
    {
        /// <summary>Replaces every occurrence of <paramref name="oldValue"/>, compared as <paramref name="comparison"/> says.</summary>
        public string Replace(string oldValue, string? newValue, StringComparison comparison)
        {
            if (oldValue.Length == 0)
            {
                throw new ArgumentException("The string to replace must not be empty.", nameof(oldValue));
            }

            var found = text.IndexOf(oldValue, comparison);
            if (found < 0)
            {
                return text;
            }

            var result = new StringBuilder(text.Length);
            var from = 0;
            for (; found >= 0; found = text.IndexOf(oldValue, from, comparison))
            {
                result.Append(text, from, found - from).Append(newValue);
                from = found + oldValue.Length;
            }

            return result.Append(text, from, text.Length - from).ToString();
        }

        /// <summary>The span of the characters in <paramref name="range"/>.</summary>
        public ReadOnlySpan<char> AsSpan(Range range)
        {
            var (offset, length) = range.GetOffsetAndLength(text.Length);
            return text.AsSpan(offset, length);
        }
    }
}
#endif
