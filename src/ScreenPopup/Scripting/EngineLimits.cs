namespace ScreenPopup;

/// <summary>The part of <see cref="SandboxOptions"/> an engine is built with; engines are pooled by it.</summary>
internal readonly record struct EngineLimits(int MaxStatements, long MemoryLimitBytes, int MaxRecursion, TimeSpan RegexTimeout, int MaxArrayLength, int MaxStringLength)
{
    public static EngineLimits Of(SandboxOptions limits) =>
        new(limits.MaxStatements, limits.MemoryLimitBytes, limits.MaxRecursion, limits.RegexTimeout, limits.MaxArrayLength, limits.MaxStringLength);
}
