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
        private readonly bool[] _ascii = new bool[128];
        private readonly string _nonAscii;

        internal SearchValues(string values)
        {
            foreach (var c in values.Where(c => c < 128))
            {
                _ascii[c] = true;
            }

            _nonAscii = new string(values.Where(c => c >= 128).ToArray());
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool Contains(char value) => value < 128 ? _ascii[value] : _nonAscii.IndexOf(value) >= 0;
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
