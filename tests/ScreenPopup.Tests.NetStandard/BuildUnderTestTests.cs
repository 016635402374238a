using System.Reflection;
using System.Runtime.Versioning;

namespace ScreenPopup.Tests;

/// <summary>The tests of this project run against the library's netstandard2.0 build, not the net10.0 one.</summary>
public class BuildUnderTestTests
{
    [Fact]
    public void Library_IsTheNetStandard20Build()
    {
        typeof(PopupEvaluator).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName
            .Should().Be(".NETStandard,Version=v2.0");
    }
}
