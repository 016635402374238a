using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ScreenPopup.Tests;

/// <summary>
/// The package as shipped: packs it, inspects its contents and metadata, restores a consumer from a local feed (not a
/// project reference) and runs it; packs the tool and the Redis and ASP.NET Core packages; and shows that a public API change without a baseline update fails
/// the build. Slow (real builds), so one test class with one fixture.
/// </summary>
[Collection(RepositoryBuilds.Name)]
public sealed class PackageTests(PackageTests.PackedFeed feed) : IClassFixture<PackageTests.PackedFeed>
{
    [Fact]
    public void Library_PackageHoldsReadmeDocsAndAssembly()
    {
        using var package = ZipFile.OpenRead(feed.LibraryPackage);

        package.Entries.Select(e => e.FullName).Should().Contain(["README.md", "lib/net10.0/ScreenPopup.dll", "lib/net10.0/ScreenPopup.xml",
            "lib/netstandard2.0/ScreenPopup.dll", "lib/netstandard2.0/ScreenPopup.xml"]);
        File.Exists(Path.ChangeExtension(feed.LibraryPackage, ".snupkg")).Should().BeTrue("symbols ship as a .snupkg");
    }

    [Fact]
    public void Library_MetadataIsComplete()
    {
        var metadata = Nuspec(feed.LibraryPackage);
        string? Value(string name) => metadata.Element(metadata.Name.Namespace + name)?.Value;

        Value("id").Should().Be("ScreenPopup");
        Value("version").Should().Be(feed.Version);
        Value("authors").Should().NotBeNullOrWhiteSpace();
        Value("description").Should().Contain("contact-center agent");
        Value("readme").Should().Be("README.md");
        Value("tags")!.Split(' ').Should().Contain(["cti", "contact-center", "screen-pop", "crm", "tvox", "jint"]);
        var license = metadata.Element(metadata.Name.Namespace + "license")!;
        (license.Attribute("type")!.Value, license.Value).Should().Be(("expression", "MIT"));
        metadata.Element(metadata.Name.Namespace + "repository")!.Attribute("type")!.Value.Should().Be("git");
    }

    [Fact]
    public void Library_DependsOnlyOnJintAndTheAbstractionsItUses()
    {
        var metadata = Nuspec(feed.LibraryPackage);

        var groups = metadata.Descendants(metadata.Name.Namespace + "group").ToDictionary(
            g => g.Attribute("targetFramework")!.Value,
            g => g.Elements(metadata.Name.Namespace + "dependency").Select(d => d.Attribute("id")!.Value).ToList());

        // Configuration.FileExtensions: to report a host's configuration file that no longer reads (ConfigurationFileErrors).
        // Hosting.Abstractions: relative script paths resolve against the host's content root (IHostEnvironment), and the
        // evaluator is created when the host starts (IHostedService). Diagnostics.HealthChecks: AddScreenPopupHealthCheck.
        string[] abstractions = [
            "Jint", "Microsoft.Extensions.Options", "Microsoft.Extensions.Options.ConfigurationExtensions", "Microsoft.Extensions.Logging.Abstractions",
            "Microsoft.Extensions.Caching.Abstractions", "Microsoft.Extensions.Configuration.FileExtensions", "Microsoft.Extensions.Hosting.Abstractions",
            "Microsoft.Extensions.Diagnostics.HealthChecks"];
        groups.Keys.Should().BeEquivalentTo("net10.0", ".NETStandard2.0");
        groups["net10.0"].Should().BeEquivalentTo(abstractions);
        // What .NET Framework lacks of the .NET library the code is written against (Polyfill is compile-time source only).
        groups[".NETStandard2.0"].Should().BeEquivalentTo([.. abstractions,
            "System.Memory", "System.Text.Json", "Microsoft.Bcl.TimeProvider", "System.Collections.Immutable", "System.Text.Encoding.CodePages"]);
    }

    /// <summary>
    /// The consumer targets .NET 10, .NET 8 and .NET Framework 4.7.2 and is restored from the local feed: .NET 10 takes the
    /// net10.0 build, the other two the netstandard2.0 one. The .NET 10 and .NET 8 programs run (the .NET 8 one rolled forward
    /// to the .NET 10 runtime, the only one here); the .NET Framework one is built, as nothing here runs it.
    /// </summary>
    [Fact]
    public async Task Consumer_RestoredFromTheLocalFeed_TakesTheRightBuildOnEveryFrameworkAndEvaluates()
    {
        using var work = new TempDirectory();
        // Outside the project folder: the SDK's default globs would otherwise take the restored packages' files in.
        using var packageCache = new TempDirectory();
        foreach (var file in new[] { "ScreenPopup.PackageConsumer.csproj", "Program.cs" })
        {
            File.Copy(Path.Combine(Repository.Root, "tests", "ScreenPopup.PackageConsumer", file), Path.Combine(work.Path, file));
        }

        File.WriteAllText(Path.Combine(work.Path, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed.Folder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="ScreenPopup" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        var packages = packageCache.Path;
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        // A cache holding an older build of the README's version, as after a user tried the package from a local feed:
        // the feed's version is this run's own, so restore never takes a stale ScreenPopup from a fallback folder.
        var staleCache = Path.Combine(work.Path, "stale-cache");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(staleCache, "screenpopup", "0.1.0")).FullName, "screenpopup.0.1.0.nupkg.sha512"), "stale");

        var (code, output) = await Dotnet(work.Path,
            ["build", "ScreenPopup.PackageConsumer.csproj", $"-p:ScreenPopupVersion={feed.Version}",
             $"-p:RestoreAdditionalProjectFallbackFolders={staleCache}%3B{globalPackages}"],
            ("NUGET_PACKAGES", packages));

        code.Should().Be(0, output);
        Directory.Exists(Path.Combine(packages, "screenpopup", feed.Version)).Should().BeTrue("ScreenPopup came from the local feed, not the global cache");
        using (var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(work.Path, "obj", "project.assets.json"))))
        {
            string LibraryBuildFor(string framework) =>
                assets.RootElement.GetProperty("targets").GetProperty(framework).GetProperty($"ScreenPopup/{feed.Version}").GetProperty("compile").EnumerateObject().Single().Name;

            LibraryBuildFor("net10.0").Should().Be("lib/net10.0/ScreenPopup.dll");
            LibraryBuildFor("net8.0").Should().Be("lib/netstandard2.0/ScreenPopup.dll");
            LibraryBuildFor("net472").Should().Be("lib/netstandard2.0/ScreenPopup.dll");
        }

        File.Exists(Path.Combine(work.Path, "bin", "Debug", "net472", "ScreenPopup.PackageConsumer.exe")).Should().BeTrue();
        foreach (var framework in new[] { "net10.0", "net8.0" })
        {
            var program = Path.Combine(work.Path, "bin", "Debug", framework, "ScreenPopup.PackageConsumer.dll");
            var (ran, ranOutput) = await Dotnet(work.Path, [program, packages, feed.Version], ("DOTNET_ROLL_FORWARD", "Major"));

            ran.Should().Be(0, ranOutput);
            ranOutput.Should().Contain("consumer OK", framework);
        }
    }

    [Theory]
    [InlineData("ScreenPopup.Redis", new[] { "ScreenPopup", "StackExchange.Redis" })]
    [InlineData("ScreenPopup.AspNetCore", new[] { "ScreenPopup" })]
    public void CompanionPackage_HoldsItsAssemblyAndDependsOnTheLibraryOfTheSameVersion(string id, string[] dependsOn)
    {
        var path = feed.PackageOf(id);
        using (var package = ZipFile.OpenRead(path))
        {
            package.Entries.Select(e => e.FullName).Should().Contain(["README.md", $"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml"]);
        }

        var metadata = Nuspec(path);
        metadata.Element(metadata.Name.Namespace + "id")!.Value.Should().Be(id);
        metadata.Element(metadata.Name.Namespace + "version")!.Value.Should().Be(feed.Version);
        metadata.Element(metadata.Name.Namespace + "license")!.Value.Should().Be("MIT");
        var dependencies = metadata.Descendants(metadata.Name.Namespace + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
        dependencies.Keys.Should().BeEquivalentTo(dependsOn);
        dependencies["ScreenPopup"].Should().Contain(feed.Version, "the packages ship together");
    }

    /// <summary>ScreenPopup.AspNetCore uses the shared framework (no ASP.NET Core packages to restore) and carries the browser client it serves.</summary>
    [Fact]
    public void AspNetCore_PackageReferencesTheSharedFrameworkAndCarriesTheClient()
    {
        var path = feed.PackageOf("ScreenPopup.AspNetCore");
        var metadata = Nuspec(path);
        metadata.Descendants(metadata.Name.Namespace + "frameworkReference").Select(e => e.Attribute("name")!.Value).Should().Equal("Microsoft.AspNetCore.App");

        using var package = ZipFile.OpenRead(path);
        using var dll = new MemoryStream();
        using (var entry = package.GetEntry("lib/net10.0/ScreenPopup.AspNetCore.dll")!.Open())
        {
            entry.CopyTo(dll);
        }

        dll.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(dll);
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        reader.ManifestResources.Select(r => reader.GetString(reader.GetManifestResource(r).Name)).Should().Equal("screenpopup.js");
    }

    [Fact]
    public void Tool_PacksAsADotnetToolPerPlatformWithAFallback()
    {
        var pointerPackage = feed.RequireToolPackage();
        // The package users name points at one per platform.
        Nuspec(pointerPackage).Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => e.Attribute("name")!.Value).Should().Contain("DotnetTool");
        using (var pointer = ZipFile.OpenRead(pointerPackage))
        {
            using var pointerSettings = pointer.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open();
            var rids = XDocument.Load(pointerSettings).Descendants("RuntimeIdentifierPackage").Select(e => e.Attribute("RuntimeIdentifier")!.Value);
            rids.Should().BeEquivalentTo("linux-x64", "any");
        }

        foreach (var (rid, folder, entryPoint, runner) in new[] { ("any", "tools/net10.0/any", "ScreenPopup.Cli.dll", "dotnet"), ("linux-x64", "tools/any/linux-x64", "ScreenPopup.Cli", "executable") })
        {
            using var package = ZipFile.OpenRead(feed.ToolPackageFor(rid));
            package.Entries.Select(e => e.FullName).Should().Contain([$"{folder}/{entryPoint}", $"{folder}/DotnetToolSettings.xml"]);
            using var settings = package.GetEntry($"{folder}/DotnetToolSettings.xml")!.Open();
            var command = XDocument.Load(settings).Descendants("Command").Single();
            (command.Attribute("Name")!.Value, command.Attribute("EntryPoint")!.Value, command.Attribute("Runner")!.Value).Should().Be(("screenpopup", entryPoint, runner), rid);
        }
    }

    [Fact]
    public void Tool_LinuxPackageIsOneNativeProgram()
    {
        feed.RequireToolPackage();
        using var package = ZipFile.OpenRead(feed.ToolPackageFor("linux-x64"));

        // Native code (Native AOT): no assemblies, no managed or native debug files, nothing else.
        package.Entries.Select(e => e.FullName).Where(name => name.StartsWith("tools/", StringComparison.Ordinal))
            .Should().BeEquivalentTo("tools/any/linux-x64/DotnetToolSettings.xml", "tools/any/linux-x64/ScreenPopup.Cli");
        using var program = package.GetEntry("tools/any/linux-x64/ScreenPopup.Cli")!.Open();
        var magic = new byte[4];
        program.ReadExactly(magic);
        magic.Should().Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], "an ELF executable");
    }

    [Fact]
    public void Tool_FallbackPackageIsPortableManagedCode()
    {
        feed.RequireToolPackage();
        using var package = ZipFile.OpenRead(feed.ToolPackageFor("any"));

        foreach (var assembly in new[] { "ScreenPopup.Cli.dll", "ScreenPopup.dll", "Jint.dll" })
        {
            using var entry = package.GetEntry($"tools/net10.0/any/{assembly}")!.Open();
            using var copy = new MemoryStream();
            entry.CopyTo(copy);
            copy.Position = 0;
            using var pe = new System.Reflection.PortableExecutable.PEReader(copy);
            pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size.Should().Be(0, $"{assembly} is plain IL, for any platform (not precompiled for one)");
        }
    }

    [Fact]
    public async Task Tool_InstalledFromTheFeed_RunsAsScreenpopupWithItsVersionStdinAndColourRules()
    {
        feed.RequireToolPackage();
        using var work = new TempDirectory();
        var screenpopup = await feed.InstalledToolAsync();

        var version = await InstalledTool.RunAsync(screenpopup, ["--version"]);
        version.Output.Trim().Should().StartWith(feed.Version);

        var script = work.Write("popup.js", "({ onRing: 'https://crm.example/?cli=' + encodeURIComponent(CALL_CLI) })");
        var evaluated = await InstalledTool.RunAsync(screenpopup, ["evaluate", "--request", "-", "--script", script],
            input: """{ "trigger": "ring", "call": { "CALL_SERVIZIO": "A", "CALL_CLI": "+39 02", "CALL_CHANNELSESSIONID": "s-1" } }""" + "\n");
        evaluated.ExitCode.Should().Be(0, evaluated.Error);
        evaluated.Output.Should().Be("""{"trigger":"ring","action":"open","reason":null,"message":null,"url":"https://crm.example/?cli=%2B39%2002","pendingPlaceholders":[],"webClient":{"target":"iframe","tabName":null,"focus":false},"tvoxClient":{"target":"browser"},"batch":null,"diagnostics":[]}""" + "\n");

        // Started without standard input: one clear error, not the script's bytes read as requests.
        var closed = await ClosedStandardInputTests.WithoutStandardInput(screenpopup);
        (closed.ExitCode, closed.Output).Should().Be((2, ""), closed.Error);
        closed.Error.Should().Contain("started without standard input");

        // On a terminal (a pseudo-terminal from util-linux's script): colour (SGR sequences; .NET itself writes a keypad-mode
        // sequence on any terminal), unless NO_COLOR is set. Redirected: never.
        const string Colour = @"\u001b\[[0-9;]*m";
        var warning = work.Write("warning.js", "({ onRing: 'https://crm.example/', webClientTabName: 'crm' })");
        var check = $"'{screenpopup}' check --script '{warning}'";
        (await InstalledTool.OnTerminalAsync(check)).Should().MatchRegex(Colour).And.Contain("tabNameIgnored");
        (await InstalledTool.OnTerminalAsync(check, ("NO_COLOR", "1"))).Should().NotMatchRegex(Colour).And.Contain("tabNameIgnored");
        (await InstalledTool.RunAsync(screenpopup, ["check", "--script", warning])).Output.Should().NotContain("\u001b").And.Contain("tabNameIgnored");
    }

    /// <summary>
    /// The native program decides as the managed tool does, over every golden and hostile case of the unit tests' corpus
    /// (each case's script as a service of one configuration, each request sent to its case's service): the same output
    /// to the byte but where a recursion ran out of stack, and the same exit code. Left out: the cases that expect a
    /// configuration error (one would refuse the whole configuration) or a script timeout (which of two limits a runaway
    /// script meets first depends on speed; with the test sandbox's 10 s the others meet theirs).
    /// </summary>
    [Fact]
    public async Task Tool_NativeProgram_DecidesEveryCorpusCaseAsTheManagedToolDoes()
    {
        feed.RequireToolPackage();
        using var work = new TempDirectory();
        var screenpopup = await feed.InstalledToolAsync();
        var (config, requests, cases) = CorpusAsOneConfiguration(work);
        cases.Count.Should().BeGreaterThan(150, "the whole corpus, not a sample");

        var native = await InstalledTool.RunAsync(screenpopup, ["evaluate", "--request", requests, "--config", config]);
        var managed = await CliTests.Run(["evaluate", "--request", requests, "--config", config]);

        native.Error.Should().Be(managed.Error);
        native.ExitCode.Should().Be(managed.ExitCode);
        var nativeLines = native.Output.Split('\n');
        var managedLines = managed.Output.Split('\n');
        nativeLines.Should().HaveCount(cases.Count + 1, "one decision per case, then the final line break");
        for (var i = 0; i < cases.Count; i++)
        {
            WhereStackRanOut(nativeLines[i]).Should().Be(WhereStackRanOut(managedLines[i]), cases[i]);
        }
    }

    /// <summary>
    /// A decision without the position of a recursion stopped by the stack guard: how many calls fit depends on the size
    /// of the compiled frames (native code, or the JIT's tiers), so a mutual recursion stops in either function.
    /// </summary>
    private static string WhereStackRanOut(string decision) =>
        decision.Contains("deeper than the thread", StringComparison.Ordinal) ? DecisionPositions.Without(decision) : decision;

    private static (string Config, string Requests, List<string> Cases) CorpusAsOneConfiguration(TempDirectory work)
    {
        var services = new JsonObject();
        var requests = new StringBuilder();
        var cases = new List<string>();
        var testsFolder = Path.Combine(Repository.Root, "tests", "ScreenPopup.Tests");
        var scripts = Directory.EnumerateFiles(Path.Combine(testsFolder, "Golden"), "*.js", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(testsFolder, "Hostile"), "*.js", SearchOption.AllDirectories));
        foreach (var script in scripts.Order(StringComparer.Ordinal))
        {
            var name = script[..^".js".Length];
            var expected = File.ReadAllText(name + ".expected.json");
            if (expected.Contains("configurationErrors", StringComparison.Ordinal) || JsonNode.Parse(expected)!["reason"]?.GetValue<string>() == "scriptTimeout")
            {
                continue;
            }

            var code = $"C{cases.Count:D3}";
            var service = File.Exists(name + ".service.json") ? JsonNode.Parse(File.ReadAllText(name + ".service.json"))!.AsObject() : [];
            service["Script"] = File.ReadAllText(script);
            services[code] = service;
            var request = JsonNode.Parse(File.ReadAllText(name + ".request.json"))!.AsObject();
            if (request["call"] is not JsonObject call)
            {
                request["call"] = call = [];
            }

            call["CALL_SERVIZIO"] = code;
            requests.Append(request.ToJsonString()).Append('\n');
            cases.Add(Path.GetRelativePath(testsFolder, name));
        }

        var configuration = new JsonObject { ["ScreenPopup"] = new JsonObject { ["Sandbox"] = new JsonObject { ["Timeout"] = "00:00:10" }, ["Services"] = services } };
        return (work.Write("corpus.json", configuration.ToJsonString()), work.Write("corpus.jsonl", requests.ToString()), cases);
    }

    [Fact]
    public async Task PublicApiChange_WithoutBaselineUpdate_FailsTheBuild()
    {
        using var work = new TempDirectory();
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "README.md" })
        {
            File.Copy(Path.Combine(Repository.Root, file), Path.Combine(work.Path, file));
        }

        var source = Path.Combine(Repository.Root, "src", "ScreenPopup");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                              && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var target = Path.Combine(work.Path, "src", "ScreenPopup", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(work.Path, "src", "ScreenPopup", "Accidental.cs"),
            "namespace ScreenPopup;\n\n/// <summary>An accidental public type.</summary>\npublic static class Accidental\n{\n    /// <summary>An accidental public method.</summary>\n    public static void Oops() { }\n}\n");

        var (code, output) = await Dotnet(work.Path, ["build", Path.Combine("src", "ScreenPopup", "ScreenPopup.csproj")]);

        code.Should().NotBe(0);
        output.Should().Contain("RS0016").And.Contain("Accidental");
    }

    private static XElement Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    /// <summary>Runs dotnet with the generous timeout real builds need; output and error together.</summary>
    internal static async Task<(int Code, string Output)> Dotnet(string workingDirectory, string[] arguments, params (string Name, string Value)[] environment)
    {
        var (code, output, error) = await DotnetCommand.RunAsync(workingDirectory, arguments, TimeSpan.FromMinutes(10), CancellationToken.None, environment);
        return (code, output + error);
    }

    /// <summary>Packs the library and the tool once into a temporary folder feed.</summary>
    public sealed class PackedFeed : IAsyncLifetime
    {
        private readonly TempDirectory _folder = new();
        private readonly TempDirectory _toolHome = new();
        private Task<string>? _installedTool;

        public string Folder => _folder.Path;

        public string LibraryPackage { get; private set; } = "";

        /// <summary>The tool's package as users name it: it points at one package per platform.</summary>
        private string ToolPackage { get; set; } = "";

        /// <summary>The tool's package for one runtime identifier (<c>linux-x64</c>, or <c>any</c> for every other platform).</summary>
        public string ToolPackageFor(string rid) => Path.Combine(Folder, $"ScreenPopup.Cli.{rid}.{Version}.nupkg");

        /// <summary>The path of a package packed here, by id.</summary>
        public string PackageOf(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

        public string Version { get; private set; } = "";

        /// <summary>
        /// Packs with a version of this run's own (the repository's, with a pre-release suffix from the clock): no NuGet cache
        /// on the machine can hold a package of that version, so what the consumer restores is what was just packed.
        /// </summary>
        public async ValueTask InitializeAsync()
        {
            var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
            string[] libraries = ["src/ScreenPopup/ScreenPopup.csproj", "src/ScreenPopup.Redis/ScreenPopup.Redis.csproj", "src/ScreenPopup.AspNetCore/ScreenPopup.AspNetCore.csproj"];
            // The tool's linux-x64 package is native code: packing it needs the C toolchain (its tests say so when it is missing).
            foreach (var project in NativeToolchain.IsInstalled ? [.. libraries, "src/ScreenPopup.Cli/ScreenPopup.Cli.csproj"] : libraries)
            {
                var (code, output) = await Dotnet(Repository.Root, ["pack", project, "-c", "Release", "-o", Folder, $"-p:Version={version}"]);
                if (code != 0)
                {
                    throw new InvalidOperationException($"dotnet pack {project} failed:\n{output}");
                }
            }

            Version = version;
            LibraryPackage = Path.Combine(Folder, $"ScreenPopup.{version}.nupkg");
            ToolPackage = Path.Combine(Folder, $"ScreenPopup.Cli.{version}.nupkg");
        }

        /// <summary>The packed tool installed once from the feed into a folder of its own, as users get it: the command's path.</summary>
        public Task<string> InstalledToolAsync() => _installedTool ??= InstallToolAsync();

        private async Task<string> InstallToolAsync()
        {
            var home = _toolHome.Path;
            File.WriteAllText(Path.Combine(home, "nuget.config"), $"""
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{Folder}" />
                  </packageSources>
                </configuration>
                """);
            var tools = Path.Combine(home, "tools");
            var (installed, installOutput) = await Dotnet(home,
                ["tool", "install", "ScreenPopup.Cli", "--tool-path", tools, "--version", Version, "--configfile", Path.Combine(home, "nuget.config")],
                ("NUGET_PACKAGES", Path.Combine(home, "packages")));
            installed.Should().Be(0, installOutput);
            return Path.Combine(tools, OperatingSystem.IsWindows() ? "screenpopup.exe" : "screenpopup");
        }

        /// <summary>The tool's pointer package; a test of the tool skips (fails, on CI) where it could not be packed.</summary>
        public string RequireToolPackage()
        {
            NativeToolchain.Require("packing the tool, whose linux-x64 package is native code,");
            return ToolPackage;
        }

        public ValueTask DisposeAsync()
        {
            _folder.Dispose();
            _toolHome.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
