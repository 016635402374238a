#if !NET
using System.Runtime.CompilerServices;

namespace System.Collections.Generic;

/// <summary>Compares objects by reference (the netstandard2.0 stand-in for .NET's type of the same name).</summary>
[Microsoft.CodeAnalysis.Embedded]
internal sealed class ReferenceEqualityComparer : IEqualityComparer<object?>
{
    private ReferenceEqualityComparer()
    {
    }

    /// <summary>The one instance.</summary>
    public static ReferenceEqualityComparer Instance { get; } = new();

    /// <inheritdoc/>
    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    /// <inheritdoc/>
    public int GetHashCode(object? obj) => RuntimeHelpers.GetHashCode(obj);
}
#endif
