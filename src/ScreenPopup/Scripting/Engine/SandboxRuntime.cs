using System.Runtime.InteropServices;

namespace ScreenPopup.Scripting;

/// <summary>
/// What the sandbox needs of the runtime. Its memory limit counts the bytes the evaluation thread allocates: Jint reads
/// <c>GC.GetAllocatedBytesForCurrentThread</c>, which every .NET has and .NET Framework has from 4.8. Without it Jint
/// throws on every evaluation; this says so once, when the evaluator is made, with the fix.
/// </summary>
internal static class SandboxRuntime
{
    /// <exception cref="PlatformNotSupportedException">The runtime cannot count allocations per thread (.NET Framework before 4.8).</exception>
    public static void EnsureSupported()
    {
#if !NET
        // The netstandard2.0 reference has no such method: look for the runtime's (public on every runtime that has it).
        EnsureSupported(typeof(GC).GetMethod("GetAllocatedBytesForCurrentThread", Type.EmptyTypes) is not null, RuntimeInformation.FrameworkDescription);
#endif
    }

    /// <summary>The check itself, for a runtime described by the arguments.</summary>
    internal static void EnsureSupported(bool countsAllocationsPerThread, string runtime)
    {
        if (!countsAllocationsPerThread)
        {
            throw new PlatformNotSupportedException(
                $"ScreenPopup's sandbox enforces Sandbox.MemoryLimitBytes by counting what the evaluation thread allocates (GC.GetAllocatedBytesForCurrentThread), which {runtime} cannot do; " +
                "install .NET Framework 4.8 or 4.8.1 (an application built for 4.7.2 runs on it unchanged) or run on .NET 8 or later");
        }
    }
}
