#if !NET
using System.Buffers;
using System.Runtime.CompilerServices;

// .NET Framework and .NET Standard 2.0 have no SearchValues: this keeps the code that searches spans the same on every
// target framework. Only the char searches the library makes are here; the .NET build uses the runtime's own types.

namespace System.Buffers
{
    /// <summary>A set of characters to search spans for (the netstandard2.0 stand-in for .NET's type of the same name).</summary>
    [Microsoft.CodeAnalysis.Embedded]
    internal sealed class SearchValues<T>
        where T : IEquatable<T>
    {
        // One bit per UTF-16 code unit (8 KB): a constant-time test for every character. A scan of the non-ASCII members
        // instead made hostile non-ASCII caller data cost 40 times as much (the placeholder marks are 1,024 characters).
        private readonly ulong[] _bits = new ulong[65536 / 64];

        internal SearchValues(string values)
        {
            foreach (var c in values)
            {
                _bits[c >> 6] |= 1UL << (c & 63);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool Contains(char value) => (_bits[value >> 6] & (1UL << (value & 63))) != 0;
    }

    /// <summary>Creates <see cref="SearchValues{T}"/>.</summary>
    [Microsoft.CodeAnalysis.Embedded]
    internal static class SearchValues
    {
        public static SearchValues<char> Create(string values) => new(values);
    }
}

namespace ScreenPopup.Compatibility
{
    /// <summary>The span searches of .NET's <c>MemoryExtensions</c> that take a <see cref="SearchValues{T}"/> or two characters.</summary>
    internal static class SearchValuesExtensions
    {
        public static int IndexOfAny(this ReadOnlySpan<char> span, SearchValues<char> values)
        {
            for (var i = 0; i < span.Length; i++)
            {
                if (values.Contains(span[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        public static bool ContainsAny(this ReadOnlySpan<char> span, SearchValues<char> values) => span.IndexOfAny(values) >= 0;

        public static bool ContainsAny(this ReadOnlySpan<char> span, char first, char second) => span.IndexOfAny(first, second) >= 0;

        public static bool ContainsAnyExcept(this ReadOnlySpan<char> span, SearchValues<char> values)
        {
            foreach (var c in span)
            {
                if (!values.Contains(c))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
#endif
