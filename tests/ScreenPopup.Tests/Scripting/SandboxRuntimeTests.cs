namespace ScreenPopup.Tests;

/// <summary>A runtime that cannot count allocations per thread (.NET Framework 4.7.2) is refused once, with the fix.</summary>
public sealed class SandboxRuntimeTests
{
    [Fact]
    public void RuntimeWithoutAnAllocationCounter_IsRefusedNamingItAndTheFix()
    {
        var act = () => SandboxRuntime.EnsureSupported(countsAllocationsPerThread: false, ".NET Framework 4.7.3190.0");

        act.Should().Throw<PlatformNotSupportedException>().WithMessage("*Sandbox.MemoryLimitBytes*.NET Framework 4.7.3190.0*install .NET Framework 4.8*");
    }

    [Fact]
    public void ThisRuntime_IsSupported()
    {
        Action act = SandboxRuntime.EnsureSupported;

        act.Should().NotThrow();
    }
}
