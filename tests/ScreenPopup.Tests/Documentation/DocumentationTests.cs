using System.Text.RegularExpressions;

namespace ScreenPopup.Tests;

/// <summary>
/// The documentation stays true to the code and to itself: every C# block is a compiled region of
/// <c>samples/ScreenPopup.Snippets</c>, every relative link leads to a file, the README stays a front page, and the
/// package READMEs (shown on nuget.org, which breaks relative links) link only to absolute https addresses.
/// </summary>
/// <remarks>
/// A C# block in a document is written <c>&lt;!-- snippet: NAME --&gt;</c>, the <c>```csharp</c> block,
/// <c>&lt;!-- endsnippet --&gt;</c>; its region in the snippets project lies between <c>// begin-snippet: NAME</c> and
/// <c>// end-snippet</c>. Both are compared with their common indentation removed. The quick starts of the README and
/// the package README are exempt: <c>ReadmeTests</c> compares them with <c>samples/ScreenPopup.Demo/QuickStart.cs</c>.
/// </remarks>
public sealed partial class DocumentationTests
{
    private const int MaxReadmeBytes = 12_000;

    private static readonly string SnippetsProject = Path.Combine("samples", "ScreenPopup.Snippets");

    /// <summary>The packages whose README nuget.org shows.</summary>
    private static readonly string[] PackageReadmes =
    [
        Path.Combine("src", "ScreenPopup", "README.md"),
        Path.Combine("src", "ScreenPopup.Redis", "README.md"),
        Path.Combine("src", "ScreenPopup.AspNetCore", "README.md"),
        Path.Combine("src", "ScreenPopup.AspNetCore", "client", "README.md"),
        Path.Combine("src", "ScreenPopup.Cli", "README.md"),
    ];

    [Fact]
    public void Readme_IsAShortFrontPage()
    {
        var bytes = new FileInfo(Path.Combine(Repository.Root, "README.md")).Length;

        bytes.Should().BeLessThanOrEqualTo(MaxReadmeBytes, "the README is the front page; reference material belongs in docs/");
    }

    [Fact]
    public void PackageReadmes_Exist()
    {
        PackageReadmes.Where(readme => !File.Exists(Path.Combine(Repository.Root, readme)))
            .Should().BeEmpty("each package packs its own README.md for its nuget.org page");
    }

    [Fact]
    public void Snippets_AreIdenticalToTheirCompiledRegions()
    {
        var regions = ReadRegions(out var regionProblems);
        var problems = new List<string>(regionProblems);
        var blocks = SnippetDocuments().SelectMany(document => ReadBlocks(document, problems)).ToList();

        problems.AddRange(CompareSnippets(blocks, regions));

        blocks.Should().Contain(block => block.Snippet != null, "the documentation shows compiled C#");
        problems.Should().BeEmpty();
    }

    [Fact]
    public void CSharpBlocks_AreAllSnippets()
    {
        var problems = new List<string>();
        var blocks = SnippetDocuments().SelectMany(document => ReadBlocks(document, problems)).ToList();

        problems.AddRange(UnmarkedCSharpBlocks(blocks));

        problems.Should().BeEmpty();
    }

    [Fact]
    public void SnippetRegions_AreEachUsedByADocument()
    {
        var regions = ReadRegions(out var regionProblems);
        var problems = new List<string>(regionProblems);
        var blocks = SnippetDocuments().SelectMany(document => ReadBlocks(document, problems)).ToList();

        problems.AddRange(UnusedRegions(blocks, regions));

        regions.Should().NotBeEmpty("the snippets project holds the documentation's code");
        problems.Should().BeEmpty();
    }

    [Fact]
    public void RelativeLinks_LeadToFilesOfTheRepository()
    {
        var documents = LinkedDocuments().ToList();

        var problems = documents.SelectMany(document => BrokenRelativeLinks(document, File.ReadAllText(document), Repository.Root)).ToList();

        documents.Should().Contain(document => Path.GetFileName(document) == "configuration.md", "docs/ is checked");
        problems.Should().BeEmpty();
    }

    [Fact]
    public void PackageReadmes_LinkOnlyToAbsoluteHttpsAddresses()
    {
        var problems = PackageReadmes
            .Select(readme => Path.Combine(Repository.Root, readme))
            .Where(File.Exists)
            .SelectMany(readme => NonHttpsLinks(readme, File.ReadAllText(readme)))
            .ToList();

        problems.Should().BeEmpty("nuget.org shows the package README without the repository around it");
    }

    [Fact]
    public void ConfigurationReference_ListsEverySettingOnceWithItsDefault()
    {
        var rows = ConfigurationRows(File.ReadAllText(Path.Combine(Repository.Root, "docs", "configuration.md")));
        (string Prefix, object Defaults)[] sections =
        [
            ("", new ScreenPopupOptions()), ("Services:<code>:", new PopupService()), ("Sandbox:", new SandboxOptions()),
            ("DuplicateSuppression:", new DuplicateSuppressionOptions()), ("Legacy:", new LegacyBatchOptions()),
        ];
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (prefix, defaults) in sections)
        {
            foreach (var property in defaults.GetType().GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic))
            {
                if (property.PropertyType.Assembly == typeof(ScreenPopupOptions).Assembly && property.PropertyType.Name.EndsWith("Options", StringComparison.Ordinal))
                {
                    continue;   // a section with its own table
                }

                expected[prefix + property.Name] = ConfigurationSyntax(property.GetValue(defaults));
            }
        }

        rows.Select(row => row.Setting).Should().OnlyHaveUniqueItems();
        rows.ToDictionary(row => row.Setting, row => row.Default).Should().BeEquivalentTo(expected);
    }

    /// <summary>The (setting, default) cells of every <c>| Setting | Default | Meaning |</c> table, without their backticks.</summary>
    private static List<(string Setting, string Default)> ConfigurationRows(string markdown)
    {
        var rows = new List<(string, string)>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "| Setting | Default | Meaning |")
            {
                continue;
            }

            for (i += 2; i < lines.Length && lines[i].StartsWith('|'); i++)
            {
                var cells = lines[i].Split('|');
                rows.Add((cells[1].Trim().Trim('`'), cells[2].Trim().Trim('`')));
            }
        }

        return rows;
    }

    /// <summary>A default as configuration writes it: <c>00:00:00.100</c>, <c>100000</c>, <c>true</c>, <c>percentEncode</c>, or <c>(none)</c>.</summary>
    private static string ConfigurationSyntax(object? value) => value switch
    {
        null => "(none)",
        string text => text.Length == 0 ? "(none)" : text,
        bool flag => flag ? "true" : "false",
        TimeSpan span => span.ToString(span.Milliseconds == 0 ? @"hh\:mm\:ss" : @"hh\:mm\:ss\.fff", System.Globalization.CultureInfo.InvariantCulture),
        Enum => typeof(WireNames).GetMethod(nameof(WireNames.Of))!.MakeGenericMethod(value.GetType()).Invoke(null, [value])!.ToString()!,
        System.Collections.ICollection { Count: 0 } => "(none)",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "(none)",
    };

    // The checks on made-up documents: each must report what it exists to catch.

    [Fact]
    public void Check_ReadsTheConfigurationTables()
    {
        const string text = "| Setting | Default | Meaning |\n|---|---|---|\n| `Sandbox:Timeout` | `00:00:00.100` | a \\| b |\n\nText.\n| other | table |\n";

        ConfigurationRows(text).Should().Equal(("Sandbox:Timeout", "00:00:00.100"));
        ConfigurationSyntax(TimeSpan.FromMilliseconds(50)).Should().Be("00:00:00.050");
        ConfigurationSyntax(TimeSpan.FromHours(1)).Should().Be("01:00:00");
        ConfigurationSyntax(100_000).Should().Be("100000");
        ConfigurationSyntax(Legacy.LegacyValuePolicy.PercentEncode).Should().Be("percentEncode");
        ConfigurationSyntax(new List<string>()).Should().Be("(none)");
    }

    [Fact]
    public void Check_ReportsASnippetThatDiffersFromItsRegion()
    {
        var blocks = Blocks("doc.md", "<!-- snippet: a -->\n```csharp\nvar x = 1;\n```\n<!-- endsnippet -->\n");
        var regions = new Dictionary<string, Region> { ["a"] = new("a", "A.cs", "var x = 2;") };

        CompareSnippets(blocks, regions).Should().ContainSingle().Which.Should().Contain("differs");
    }

    [Fact]
    public void Check_AcceptsASnippetIndentedDifferentlyFromItsRegion()
    {
        var blocks = Blocks("doc.md", "<!-- snippet: a -->\n```csharp\nif (x)\n{\n    y();\n}\n```\n<!-- endsnippet -->\n");
        var regions = ReadRegionsOf("A.cs", "class A\n{\n    void M()\n    {\n        // begin-snippet: a\n        if (x)\n        {\n            y();\n        }\n        // end-snippet\n    }\n}\n", []);

        CompareSnippets(blocks, regions).Should().BeEmpty();
    }

    [Fact]
    public void Check_ReportsASnippetWithoutRegion()
    {
        var blocks = Blocks("doc.md", "<!-- snippet: missing -->\n```csharp\nvar x = 1;\n```\n<!-- endsnippet -->\n");

        CompareSnippets(blocks, new Dictionary<string, Region>()).Should().ContainSingle().Which.Should().Contain("no region");
    }

    [Fact]
    public void Check_ReportsARegionNoDocumentUses()
    {
        var regions = new Dictionary<string, Region> { ["unused"] = new("unused", "A.cs", "var x = 1;") };

        UnusedRegions([], regions).Should().ContainSingle().Which.Should().Contain("unused");
    }

    [Fact]
    public void Check_ReportsACSharpBlockOutsideASnippet()
    {
        var blocks = Blocks("docs/x.md", "# X\n\n```csharp\nvar x = 1;\n```\n\n```json\n{}\n```\n");

        UnmarkedCSharpBlocks(blocks).Should().ContainSingle().Which.Should().Contain("docs/x.md:3");
    }

    [Fact]
    public void Check_ExemptsOnlyTheReadmeQuickStart()
    {
        const string text = "# R\n\n## Quick start\n\n```csharp\nvar x = 1;\n```\n\n## More\n\n```csharp\nvar y = 2;\n```\n";

        UnmarkedCSharpBlocks(Blocks("README.md", text)).Should().ContainSingle().Which.Should().Contain("README.md:11");
        UnmarkedCSharpBlocks(Blocks(Path.Combine("docs", "README.md"), text)).Should().HaveCount(2);
    }

    [Fact]
    public void Check_ReportsASnippetMarkerWithoutItsBlockOrEnd()
    {
        var problems = new List<string>();

        ReadBlocks("doc.md", "<!-- snippet: a -->\n\nText.\n", problems);
        ReadBlocks("doc.md", "<!-- snippet: b -->\n```csharp\nvar x = 1;\n```\nText.\n", problems);
        ReadBlocks("doc.md", "Text.\n<!-- endsnippet -->\n", problems);

        problems.Should().HaveCount(3);
    }

    [Fact]
    public void Check_ReportsARegionLeftOpenOrNamedTwice()
    {
        var problems = new List<string>();
        var regions = ReadRegionsOf("A.cs", "// begin-snippet: a\nx();\n// end-snippet\n// begin-snippet: a\ny();\n// end-snippet\n// begin-snippet: b\nz();\n", problems);

        regions.Keys.Should().Equal("a");
        problems.Should().HaveCount(2);
    }

    [Fact]
    public void Check_ReportsABrokenRelativeLinkButNotCodeOrAbsoluteLinks()
    {
        using var directory = new TempDirectory();
        directory.Write("exists.md", "# Exists\n");
        var document = directory.Write(Path.Combine("docs", "page.md"), string.Join('\n',
            "[fine](../exists.md#anchor) [web](https://example.com/x.md) [here](#top) ![image](../exists.md)",
            "[broken](missing.md) and `[not a link](nowhere.md)`",
            "```",
            "[not a link either](nowhere.md)",
            "```",
            "[ref]: ../also-missing.md"));

        var problems = BrokenRelativeLinks(document, File.ReadAllText(document), directory.Path).ToList();

        problems.Should().HaveCount(2);
        problems.Should().Contain(p => p.Contains("missing.md", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("also-missing.md", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ReportsRelativeAndPlainHttpLinksInAPackageReadme()
    {
        const string text = "[docs](../../docs/configuration.md) [anchor](#install) [plain](http://example.com) [fine](https://example.com)\n";

        NonHttpsLinks("README.md", text).Should().HaveCount(3);
    }

    // Documents.

    /// <summary>Every document whose C# blocks must be snippets: the README, CONTRIBUTING.md, the benchmarks' README, docs/ and the package READMEs.</summary>
    private static IEnumerable<string> SnippetDocuments() => LinkedDocuments();

    /// <summary>Every document whose relative links must resolve.</summary>
    private static IEnumerable<string> LinkedDocuments()
    {
        var root = Repository.Root;
        string[] single = ["README.md", "CONTRIBUTING.md", Path.Combine("bench", "README.md"), .. PackageReadmes];
        foreach (var file in single.Select(file => Path.Combine(root, file)).Where(File.Exists))
        {
            yield return file;
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return file;
        }
    }

    private static string Display(string document) =>
        Path.IsPathRooted(document) ? Path.GetRelativePath(Repository.Root, document).Replace('\\', '/') : document.Replace('\\', '/');

    // Code blocks and snippet markers.

    /// <summary>A fenced code block: where it is, its language, its code without the fence's indentation, and the snippet marking it.</summary>
    private sealed record CodeBlock(string Document, int Line, string Language, string Code, string? Snippet, bool IsReadmeQuickStart);

    /// <summary>A region of the snippets project.</summary>
    private sealed record Region(string Name, string File, string Code);

    [GeneratedRegex(@"^<!--\s*snippet:\s*(?<name>[\w.-]+)\s*-->$")]
    private static partial Regex SnippetMarker();

    [GeneratedRegex(@"^<!--\s*endsnippet\s*-->$")]
    private static partial Regex EndSnippetMarker();

    [GeneratedRegex(@"^//\s*begin-snippet:\s*(?<name>[\w.-]+)\s*$")]
    private static partial Regex RegionStart();

    [GeneratedRegex(@"^//\s*end-snippet\s*$")]
    private static partial Regex RegionEnd();

    private static List<CodeBlock> Blocks(string document, string text)
    {
        var problems = new List<string>();
        var blocks = ReadBlocks(document, text, problems);
        problems.Should().BeEmpty("the made-up document is well formed");
        return blocks;
    }

    private static List<CodeBlock> ReadBlocks(string document, List<string> problems) => ReadBlocks(document, File.ReadAllText(document), problems);

    /// <summary>The fenced code blocks of a markdown document, with the snippet marking each; malformed markers are problems.</summary>
    private static List<CodeBlock> ReadBlocks(string document, string text, List<string> problems)
    {
        var name = Display(document);
        var isReadme = name is "README.md" or "src/ScreenPopup/README.md"; // the quick starts ReadmeTests checks
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<CodeBlock>();
        var inQuickStart = false;
        var quickStartTaken = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith('#'))
            {
                inQuickStart = isReadme && trimmed == "## Quick start";
            }

            if (EndSnippetMarker().IsMatch(trimmed))
            {
                problems.Add($"{name}:{i + 1}: <!-- endsnippet --> without a snippet before it");
                continue;
            }

            string? snippet = null;
            var marker = SnippetMarker().Match(trimmed);
            if (marker.Success)
            {
                snippet = marker.Groups["name"].Value;
                if (i + 1 >= lines.Length || !IsFence(lines[i + 1], out _, out var language) || !IsCSharp(language))
                {
                    problems.Add($"{name}:{i + 1}: snippet '{snippet}' must be followed at once by a ```csharp block");
                    continue;
                }

                i++;
            }

            if (!IsFence(lines[i], out var indent, out var blockLanguage))
            {
                continue;
            }

            var start = i;
            var code = new List<string>();
            for (i++; i < lines.Length && !IsClosingFence(lines[i]); i++)
            {
                code.Add(lines[i].Length >= indent && lines[i][..indent].Trim().Length == 0 ? lines[i][indent..] : lines[i].TrimStart());
            }

            var isQuickStart = inQuickStart && !quickStartTaken && IsCSharp(blockLanguage) && snippet is null;
            quickStartTaken |= isQuickStart;
            blocks.Add(new CodeBlock(name, start + 1, blockLanguage, string.Join('\n', code), snippet, isQuickStart));

            if (snippet is not null)
            {
                if (i + 1 < lines.Length && EndSnippetMarker().IsMatch(lines[i + 1].Trim()))
                {
                    i++;
                }
                else
                {
                    problems.Add($"{name}:{start + 1}: snippet '{snippet}' must be followed at once by <!-- endsnippet --> after its block");
                }
            }
        }

        return blocks;
    }

    private static bool IsFence(string line, out int indent, out string language)
    {
        var trimmed = line.TrimStart();
        indent = line.Length - trimmed.Length;
        language = trimmed.StartsWith("```", StringComparison.Ordinal) ? trimmed[3..].Trim().Split(' ')[0] : "";
        return trimmed.StartsWith("```", StringComparison.Ordinal);
    }

    private static bool IsClosingFence(string line) => line.Trim() == "```";

    private static bool IsCSharp(string language) => language.ToUpperInvariant() is "CSHARP" or "CS" or "C#";

    /// <summary>The snippet regions of the snippets project, by name; a region left open or named twice is a problem.</summary>
    private static Dictionary<string, Region> ReadRegions(out List<string> problems)
    {
        problems = [];
        var regions = new Dictionary<string, Region>(StringComparer.Ordinal);
        var project = Path.Combine(Repository.Root, SnippetsProject);
        var separator = Path.DirectorySeparatorChar;
        foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            foreach (var (name, region) in ReadRegionsOf(Display(file), File.ReadAllText(file), problems))
            {
                if (!regions.TryAdd(name, region))
                {
                    problems.Add($"{region.File}: region '{name}' is also in {regions[name].File}");
                }
            }
        }

        return regions;
    }

    private static Dictionary<string, Region> ReadRegionsOf(string file, string text, List<string> problems)
    {
        var regions = new Dictionary<string, Region>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var start = RegionStart().Match(lines[i].Trim());
            if (!start.Success)
            {
                continue;
            }

            var name = start.Groups["name"].Value;
            var end = Array.FindIndex(lines, i + 1, line => RegionEnd().IsMatch(line.Trim()) || RegionStart().IsMatch(line.Trim()));
            if (end < 0 || !RegionEnd().IsMatch(lines[end].Trim()))
            {
                problems.Add($"{file}:{i + 1}: region '{name}' has no // end-snippet before the next region or the end of the file");
                continue;
            }

            if (!regions.TryAdd(name, new Region(name, file, Dedent(lines[(i + 1)..end]))))
            {
                problems.Add($"{file}:{i + 1}: region '{name}' is defined twice");
            }

            i = end;
        }

        return regions;
    }

    /// <summary>The lines without their common indentation, blank lines emptied, joined with <c>\n</c>.</summary>
    private static string Dedent(IReadOnlyList<string> lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Trim().Length == 0 ? "" : l[indent..]));
    }

    private static IEnumerable<string> CompareSnippets(IEnumerable<CodeBlock> blocks, IReadOnlyDictionary<string, Region> regions)
    {
        foreach (var block in blocks.Where(b => b.Snippet is not null))
        {
            if (!regions.TryGetValue(block.Snippet!, out var region))
            {
                yield return $"{block.Document}:{block.Line}: snippet '{block.Snippet}' has no region '// begin-snippet: {block.Snippet}' in {SnippetsProject}";
                continue;
            }

            var shown = Dedent(block.Code.Split('\n'));
            if (shown != region.Code)
            {
                yield return $"{block.Document}:{block.Line}: snippet '{block.Snippet}' differs from its region in {region.File} at line {FirstDifference(shown, region.Code)} of the snippet:\n"
                             + $"--- document\n{shown}\n--- {region.File}\n{region.Code}";
            }
        }
    }

    private static int FirstDifference(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        var line = 0;
        while (line < left.Length && line < right.Length && left[line] == right[line])
        {
            line++;
        }

        return line + 1;
    }

    private static IEnumerable<string> UnmarkedCSharpBlocks(IEnumerable<CodeBlock> blocks) =>
        blocks.Where(b => IsCSharp(b.Language) && b.Snippet is null && !b.IsReadmeQuickStart)
            .Select(b => $"{b.Document}:{b.Line}: a C# block outside <!-- snippet: NAME --> … <!-- endsnippet -->; make it a region of {SnippetsProject}");

    private static IEnumerable<string> UnusedRegions(IEnumerable<CodeBlock> blocks, IReadOnlyDictionary<string, Region> regions)
    {
        var used = blocks.Where(b => b.Snippet is not null).Select(b => b.Snippet!).ToHashSet(StringComparer.Ordinal);
        return regions.Values.Where(r => !used.Contains(r.Name)).OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => $"{r.File}: region '{r.Name}' is shown by no document; show it or remove it");
    }

    // Links.

    [GeneratedRegex(@"!?\[[^\]\n]*\]\(\s*<?(?<target>[^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*<?(?<target>[^\s>]+)>?", RegexOptions.Multiline)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"(`+)[^`].*?\1", RegexOptions.Singleline)]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    /// <summary>The link targets of a markdown document, outside code blocks, inline code and comments.</summary>
    private static IEnumerable<string> LinkTargets(string text)
    {
        var prose = new List<string>();
        var inFence = false;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (!inFence)
            {
                prose.Add(line);
            }
        }

        var visible = InlineCode().Replace(HtmlComment().Replace(string.Join('\n', prose), ""), "code");
        return InlineLink().Matches(visible).Concat(ReferenceDefinition().Matches(visible)).Select(m => m.Groups["target"].Value);
    }

    private static IEnumerable<string> BrokenRelativeLinks(string document, string text, string root)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(document))!;
        foreach (var target in LinkTargets(text))
        {
            if (Scheme().IsMatch(target) || target.StartsWith('#'))
            {
                continue;
            }

            var path = Uri.UnescapeDataString(target.Split('#', '?')[0]);
            var full = path.StartsWith('/') ? Path.Combine(root, path.TrimStart('/')) : Path.GetFullPath(Path.Combine(directory, path));
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                yield return $"{Display(document)}: link '{target}' leads to nothing ({Path.GetRelativePath(root, full).Replace('\\', '/')} does not exist)";
            }
        }
    }

    private static IEnumerable<string> NonHttpsLinks(string document, string text) =>
        LinkTargets(text).Where(target => !target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            .Select(target => $"{Display(document)}: link '{target}' is not an absolute https address (nuget.org breaks relative links)");
}
