using System.Text;

namespace ScreenPopup;

/// <summary>One reusable <see cref="StringBuilder"/> per thread, for the short strings every decision builds.</summary>
internal static class StringBuilderCache
{
    private const int MaxCachedCapacity = 1024;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    /// <summary>The thread's builder, emptied, or a new one when it is in use or the string will be long.</summary>
    public static StringBuilder Acquire(int capacity)
    {
        if (capacity <= MaxCachedCapacity && t_cached is { } cached)
        {
            t_cached = null;
            return cached.Clear();
        }

        return new StringBuilder(capacity);
    }

    /// <summary>The built string; the builder goes back to the thread unless it grew too large.</summary>
    public static string GetStringAndRelease(StringBuilder builder)
    {
        var result = builder.ToString();
        if (builder.Capacity <= MaxCachedCapacity)
        {
            t_cached = builder;
        }

        return result;
    }
}
