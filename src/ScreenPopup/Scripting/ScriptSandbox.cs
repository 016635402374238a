using Jint;

namespace ScreenPopup;

/// <summary>Creates the engines scripts run in: no CLR access, no string compilation, and every limit of <see cref="SandboxOptions"/>.</summary>
internal static class ScriptSandbox
{
    /// <summary>Creates a fresh engine. Its statement, memory and recursion budgets apply to each top-level call it makes.</summary>
    /// <param name="limits">The limits.</param>
    /// <param name="deadline">Cancelled when the evaluation's time is up or the caller gives up.</param>
    public static Engine CreateEngine(SandboxOptions limits, CancellationToken deadline) => new(options =>
    {
        options.Interop.Enabled = false;
        options.DisableStringCompilation();
        options.MaxStatements(limits.MaxStatements);
        options.LimitMemory(limits.MemoryLimitBytes);
        options.LimitRecursion(limits.MaxRecursion);
        options.Constraints.RegexTimeout = limits.RegexTimeout;
        options.Constraints.MaxArraySize = (uint)limits.MaxArrayLength;
        options.CancellationToken(deadline);
    });
}
