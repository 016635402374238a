namespace ScreenPopup.Tests;

/// <summary>The quick start of the README and of the package README is the code that compiles in samples/.</summary>
public sealed class ReadmeTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("src/ScreenPopup/README.md")]
    public void QuickStart_IsIdenticalToCompiledSample(string page)
    {
        var root = Repository.Root;
        var readme = File.ReadAllText(Path.Combine(root, page)).ReplaceLineEndings("\n");
        var sample = File.ReadAllText(Path.Combine(root, "samples", "ScreenPopup.Demo", "QuickStart.cs")).ReplaceLineEndings("\n");

        var quickStart = readme[(readme.IndexOf("## Quick start", StringComparison.Ordinal))..];
        var readmeCode = Between(quickStart, "```csharp\n", "```");
        var sampleCode = Dedent(Between(sample, "// quick-start-begin\n", "        // quick-start-end"));

        readmeCode.Should().Be(sampleCode);
    }

    [Fact]
    public void QuickStart_ProducesTheDecisionItDescribes()
    {
        var decision = ScreenPopup.Demo.QuickStart.Run();

        decision.Action.Should().Be(PopupAction.Open);
        decision.Url.Should().Be("https://crm.example/contact?cli=%2B390212345678&op=mrossi");
        decision.WebClient.Should().Be(new WebClientPresentation { Target = WebClientTarget.NamedTab, TabName = "crm", Focus = true });
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        from.Should().BeGreaterThanOrEqualTo(0, "the text must contain {0}", start);
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        to.Should().BeGreaterThan(from, "the text must contain {0} after {1}", end, start);
        return text[from..to];
    }

    private static string Dedent(string code)
    {
        var lines = code.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
