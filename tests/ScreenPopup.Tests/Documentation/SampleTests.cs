namespace ScreenPopup.Tests;

/// <summary>The samples do what the README says they do.</summary>
public sealed class SampleTests
{
    [Fact]
    public async Task HostSample_ReloadWalkthrough_AppliesAGoodEditAndRejectsABrokenOne()
    {
        using var directory = new TempDirectory();
        using var output = new StringWriter();

        await ScreenPopup.HostSample.ReloadWalkthrough.RunAsync(directory.Path, output, TestContext.Current.CancellationToken);

        var lines = output.ToString().Split(Environment.NewLine);
        lines.Should().Contain("SUPPORT answer → https://crm.example/contact?cli=anna%40example.com&op=mrossi");
        lines.Should().Contain("SALES answer   → https://sales.example/lead?cli=%2B41445551234");
        lines.Should().Contain("SUPPORT answer → https://crm.example/customer?cli=anna%40example.com&op=mrossi");
        lines.Should().Contain("SUPPORT answer → https://crm.example/customer?cli=anna%40example.com&op=mrossi   (the last good script keeps serving)");
    }
}
