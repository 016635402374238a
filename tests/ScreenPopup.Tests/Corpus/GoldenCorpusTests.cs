using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScreenPopup.Tests;

/// <summary>
/// The golden and hostile corpora: each <c>Golden/&lt;area&gt;/&lt;case&gt;.js</c> (or <c>Hostile/…</c>) is the SUPPORT service's script, <c>.request.json</c>
/// the request, <c>.expected.json</c> the decision (a subset: only the properties written are compared), and an optional
/// <c>.service.json</c> the service's other settings. An expected <c>configurationErrors</c> array means the configuration
/// must be rejected with exactly those errors. A new case is new files, no code.
/// <para>
/// The same cases run against the netstandard2.0 build (ScreenPopup.Tests.NetStandard). Where that build decides otherwise
/// by design, <c>.netstandard2.0.expected.json</c> holds its decision and docs/compatibility.md says why.
/// </para>
/// </summary>
public sealed class GoldenCorpusTests
{
    private static readonly string Root = AppContext.BaseDirectory;
    private static readonly bool IsNetStandardBuild = typeof(PopupEvaluator).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName
        .StartsWith(".NETStandard,", StringComparison.Ordinal);
    private static readonly JsonSerializerOptions ServiceJson = new() { PropertyNameCaseInsensitive = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static TheoryData<string> Cases() => CasesIn("Golden");

    public static TheoryData<string> HostileCases() => CasesIn("Hostile");

    private static TheoryData<string> CasesIn(string corpus)
    {
        var cases = new TheoryData<string>();
        foreach (var script in Directory.EnumerateFiles(Path.Combine(Root, corpus), "*.js", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetRelativePath(Root, script)[..^".js".Length].Replace('\\', '/'));
        }

        return cases;
    }

    /// <summary>How many times the memory limit one hostile evaluation may allocate before the sandbox stops it.</summary>
    private const int MaxAllocationFactor = 4;

    [Fact]
    public void Corpus_CoversEveryReasonThePipelineProduces()
    {
        var reasons = Cases().Select(c => JsonNode.Parse(File.ReadAllText(PathOf(c.Data, ".expected.json")))!["reason"]?.GetValue<string>()).ToHashSet();
        var hasConfigurationError = Cases().Any(c => File.ReadAllText(PathOf(c.Data, ".expected.json")).Contains("configurationErrors", StringComparison.Ordinal));

        // These need more than one evaluation, or legacy mode, which a corpus case cannot express; their own tests cover them.
        PopupReason[] coveredElsewhere = [PopupReason.Duplicate /* DuplicateSuppressionTests */, PopupReason.BatchUnavailable /* LegacyModeTests */,
            PopupReason.ScriptQuarantined /* QuarantineTests */];
        reasons.Should().Contain(Enum.GetValues<PopupReason>().Except(coveredElsewhere).Select(reason => WireNames.Of(reason)));
        hasConfigurationError.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [MemberData(nameof(HostileCases))]
    public void Case_ProducesExpectedDecision(string name)
    {
        var (expected, request, options) = Load(name);

        if (expected["configurationErrors"] is JsonArray expectedErrors)
        {
            var act = () => PopupEvaluator.Create(options);
            act.Should().ThrowExactly<ScreenPopupConfigurationException>()
                .Which.Errors.Should().Equal(expectedErrors.Select(e => e!.GetValue<string>()));
            return;
        }

        var evaluator = PopupEvaluator.Create(options);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var decision = evaluator.Evaluate(request);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var actual = JsonNode.Parse(PopupJson.Serialize(decision))!;

        // The hostile corpus's rule: whatever a script does, one evaluation allocates at most a few times the memory limit
        // (counted on this thread: the engine's own work, building the engine included). Time is left to the benchmarks.
        if (name.StartsWith("Hostile/", StringComparison.Ordinal))
        {
            allocated.Should().BeLessThan(MaxAllocationFactor * options.Sandbox.MemoryLimitBytes, "an evaluation must stay within a few times the memory limit");
        }

        var mismatches = new List<string>();
        JsonSubset.Compare(expected, actual, "$", mismatches);
        mismatches.Should().BeEmpty("the decision was {0}", actual.ToJsonString());
    }

    /// <summary>Every case decides the same through <see cref="PopupEvaluator.EvaluateAsync"/> as through <see cref="PopupEvaluator.Evaluate"/>.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    [MemberData(nameof(HostileCases))]
    public async Task Case_EvaluateAsyncDecidesAsEvaluate(string name)
    {
        var (expected, request, options) = Load(name);
        if (expected["configurationErrors"] is not null)
        {
            return; // no evaluator: Case_ProducesExpectedDecision checks the errors
        }

        var synchronous = PopupJson.Serialize(PopupEvaluator.Create(options).Evaluate(request));
        var asynchronous = PopupJson.Serialize(await PopupEvaluator.Create(options).EvaluateAsync(request));

        // Where a runaway recursion stops depends on how much stack the caller used before (the engine guards the thread's
        // real stack), so the position a stack-limit message names is left out; every other character must match.
        DecisionPositions.Without(asynchronous).Should().Be(DecisionPositions.Without(synchronous));
    }

    internal static (JsonObject Expected, PopupRequest Request, ScreenPopupOptions Options) Load(string name)
    {
        var expected = JsonNode.Parse(File.ReadAllText(ExpectedPathOf(name)))!.AsObject();
        var request = PopupJson.DeserializeRequest(File.ReadAllText(PathOf(name, ".request.json")));
        var service = File.Exists(PathOf(name, ".service.json"))
            ? JsonSerializer.Deserialize<PopupService>(File.ReadAllText(PathOf(name, ".service.json")), ServiceJson)!
            : new PopupService();
        service.Script = File.ReadAllText(PathOf(name, ".js"));
        var options = new ScreenPopupOptions { Sandbox = SandboxFor(name, expected) };
        options.Services[TestEvaluators.Service] = service;
        return (expected, request, options);
    }

    /// <summary>
    /// The hostile corpus runs under the default limits, as shipped, except that only a case expecting the timeout
    /// (<c>scriptTimeout</c>) keeps the 100 ms one: every other case tests another limit or none, and on a busy machine the
    /// timeout could fire first. The golden corpus runs with a generous timeout.
    /// </summary>
    private static SandboxOptions SandboxFor(string name, JsonObject expected) =>
        name.StartsWith("Hostile/", StringComparison.Ordinal) && expected["reason"]?.GetValue<string>() == "scriptTimeout"
            ? new SandboxOptions()
            : TestEvaluators.RelaxedSandbox();

    private static string PathOf(string name, string extension) => Path.Combine(Root, name + extension);

    private static string ExpectedPathOf(string name) =>
        IsNetStandardBuild && File.Exists(PathOf(name, ".netstandard2.0.expected.json")) ? PathOf(name, ".netstandard2.0.expected.json") : PathOf(name, ".expected.json");
}
