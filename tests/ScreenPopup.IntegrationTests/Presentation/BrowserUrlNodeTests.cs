using System.Diagnostics;
using System.Text.Json;

namespace ScreenPopup.Tests;

/// <summary>
/// Every opened URL is exactly what a browser loads: the decision's URL is the WHATWG serialization of what the script
/// returned. This differential property test compares it with Node's <c>URL</c> (Debian's nodejs package: skipped without
/// it, failed when <c>CI=true</c>, installed by <c>.ci/run</c>) over generated URLs.
/// </summary>
public sealed class BrowserUrlNodeTests
{
    private const string Node = "/usr/bin/node";

    private static readonly UrlPolicy Policy = new(ScreenPopupOptions.DefaultAllowedSchemes);

    private static readonly string[] Schemes = ["https", "http", "HTTPS", "Http"];

    private static readonly string[] Hosts = ["crm.example", "CRM.Example", "a-b.example", "münchen.de", "127.0.0.1", "[::1]", "[2001:DB8:0:0:0:0:0:1]", "x.example.", "a..example"];

    private static readonly string[] Ports = ["", "", ":443", ":80", ":8080", ":0080", ":"];

    /// <summary>What path, query and fragment pieces are made of: plain text, everything some part encodes, escapes and dot segments.</summary>
    private static readonly string[] Pieces =
    [
        "crm", "a", "Z9", "-", "_", "~", "=", "&", "+", ",", ";", "!", "*", "(", ")", "$", "@", ":", " ", "\"", "<", ">", "`", "{", "}", "'", "^", "|",
        "ü", "€", "日本", "😀", "\u2028", "%20", "%zz", "%C3%BC", "%2e", "%2E", ".", "..", "/", "\\", "[", "]",
    ];

    [Fact]
    public void GeneratedUrls_AreWhatNodesUrlMakesOfThem()
    {
        var random = new Random(20261127);
        var urls = Enumerable.Range(0, 3000).Select(_ => Generate(random)).Distinct().ToList();

        var hrefs = NodeHrefs(urls);

        var accepted = 0;
        for (var i = 0; i < urls.Count; i++)
        {
            var problem = Policy.Check(urls[i], out var browserUrl, out _);
            if (problem is not null)
            {
                hrefs[i].Should().BeNull($"ScreenPopup refused {Show(urls[i])} ({problem}); Node read it as {hrefs[i]}");
                continue;
            }

            accepted++;
            browserUrl.Should().Be(hrefs[i], $"the decision carries what a browser loads for {Show(urls[i])}");
        }

        accepted.Should().BeGreaterThan(urls.Count * 9 / 10, "the generator writes URLs a browser loads");
    }

    [Fact]
    public void EveryDecisionUrl_IsItsOwnSerialization()
    {
        var random = new Random(7);
        var browserUrls = Enumerable.Range(0, 1000).Select(_ => Generate(random))
            .Select(url => Policy.Check(url, out var browserUrl, out _) is null ? browserUrl : null).OfType<string>().Distinct().ToList();

        NodeHrefs(browserUrls).Should().Equal(browserUrls);
    }

    private static string Generate(Random random)
    {
        var url = $"{Pick(random, Schemes)}://{Pick(random, Hosts)}{Pick(random, Ports)}";
        if (random.Next(8) > 0)
        {
            url += "/" + Text(random, 6);
        }

        if (random.Next(2) == 0)
        {
            url += "?" + Text(random, 6).Replace("#", "", StringComparison.Ordinal);
        }

        if (random.Next(3) == 0)
        {
            url += "#" + Text(random, 4);
        }

        return url;
    }

    private static string Text(Random random, int maxPieces) => string.Concat(Enumerable.Range(0, random.Next(maxPieces + 1)).Select(_ => Pick(random, Pieces)));

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Show(string url) => JsonSerializer.Serialize(url);

    /// <summary>Node's <c>new URL(u).href</c> for each URL, or null where Node throws.</summary>
    private static List<string?> NodeHrefs(IReadOnlyList<string> urls)
    {
        if (!File.Exists(Node))
        {
            const string missing = "node is not installed: the URL serialization tests compare with Debian's nodejs package (apt-get install -y nodejs)";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(missing);
            }

            Assert.Skip(missing);
        }

        using var directory = new TempDirectory();
        var input = directory.Write("urls.json", JsonSerializer.Serialize(urls));
        var startInfo = new ProcessStartInfo(Node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("-e");
        startInfo.ArgumentList.Add("const urls = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));" +
                                   "process.stdout.write(JSON.stringify(urls.map(u => { try { return new URL(u).href; } catch { return null; } })));");
        startInfo.ArgumentList.Add(input);
        using var node = Process.Start(startInfo)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        node.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue("node answers");
        node.ExitCode.Should().Be(0, error.Result);
        return JsonSerializer.Deserialize<List<string?>>(output.Result)!;
    }
}
