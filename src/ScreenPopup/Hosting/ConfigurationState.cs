using System.Runtime.CompilerServices;

namespace ScreenPopup.Hosting;

/// <summary>
/// Shared by the options validator and the reloading evaluator of one container: each options instance is compiled
/// once, and once a good configuration serves, a bad change is rejected by the evaluator instead of failing the
/// options pipeline (which would throw from <c>IConfigurationRoot.Reload()</c> and leave <c>IOptionsMonitor</c> unusable).
/// </summary>
internal sealed class ConfigurationState
{
    private readonly ConditionalWeakTable<ScreenPopupOptions, CompilationResult> _results = new();

    /// <summary>Whether an evaluator of this container already serves a good configuration.</summary>
    public bool IsServing { get; set; }

    /// <summary>The problems of the last options the validator failed, so that the evaluator can report them structured.</summary>
    public IReadOnlyList<ConfigurationProblem> LastFailure { get; set; } = [];

    /// <summary>The compilation of these options, computed once per instance.</summary>
    public CompilationResult Compile(ScreenPopupOptions options) => _results.GetValue(options, CompileNow);

    /// <summary>Compiles again, for when a script file changed under unchanged options.</summary>
    public static CompilationResult CompileNow(ScreenPopupOptions options) =>
        CompiledConfiguration.TryCompile(options, out var configuration, out var errors)
            ? new CompilationResult(configuration, [])
            : new CompilationResult(null, errors);
}

/// <summary>A compiled configuration, or every problem that prevented it.</summary>
internal sealed record CompilationResult(CompiledConfiguration? Configuration, IReadOnlyList<ConfigurationProblem> Errors);
