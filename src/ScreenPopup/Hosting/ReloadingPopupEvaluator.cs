using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScreenPopup;

/// <summary>
/// The <see cref="IPopupEvaluator"/> of a host: serves the current configuration and replaces it when the options or a
/// script file change. A change that does not compile is rejected and logged; the last good configuration keeps
/// serving. Evaluations in flight finish on the configuration they started with.
/// </summary>
internal sealed class ReloadingPopupEvaluator : IPopupEvaluator, IDisposable
{
    private readonly IOptionsMonitor<ScreenPopupOptions> _monitor;
    private readonly ConfigurationState _state;
    private readonly PopupRuntime _runtime;
    private readonly Lock _applyLock = new();
    private readonly IDisposable? _optionsSubscription;
    private readonly ScriptFileWatcher _scriptWatcher;
    private volatile PopupEvaluator _current;
    private string? _lastRejection;

    /// <param name="monitor">The options.</param>
    /// <param name="state">Shared with the options validator.</param>
    /// <param name="createRuntime">Creates the runtime from the initial options (the state store's capacity is read there).</param>
    public ReloadingPopupEvaluator(IOptionsMonitor<ScreenPopupOptions> monitor, ConfigurationState state, Func<ScreenPopupOptions, PopupRuntime> createRuntime)
    {
        _monitor = monitor;
        _state = state;

        var options = CurrentOptions(monitor, state);
        var initial = state.Compile(options);
        if (initial.Configuration is null)
        {
            throw new ScreenPopupConfigurationException(initial.Errors);
        }

        ScriptRunner.WarmUp();
        _runtime = createRuntime(options);
        _current = new PopupEvaluator(initial.Configuration, _runtime);
        state.IsServing = true;

        _scriptWatcher = new ScriptFileWatcher(() => Apply(() => ConfigurationState.CompileNow(_monitor.CurrentValue), "a script file changed"));
        _scriptWatcher.Watch(initial.Configuration.ScriptFiles);
        _optionsSubscription = monitor.OnChange((options, name) =>
        {
            if (name is null || name == Options.DefaultName)
            {
                Apply(() => _state.Compile(options), "the configuration changed");
            }
        });
    }

    /// <summary>The evaluator of the configuration serving now.</summary>
    internal PopupEvaluator Current => _current;

    public PopupDecision Evaluate(PopupRequest request, CancellationToken cancellationToken = default) =>
        _current.Evaluate(request, cancellationToken);

    public void Dispose()
    {
        _optionsSubscription?.Dispose();
        _scriptWatcher.Dispose();
    }

    /// <summary>Reads the options at start-up; a validation failure becomes one exception that lists every problem.</summary>
    private static ScreenPopupOptions CurrentOptions(IOptionsMonitor<ScreenPopupOptions> monitor, ConfigurationState state)
    {
        try
        {
            return monitor.CurrentValue;
        }
        catch (OptionsValidationException e)
        {
            throw state.LastFailure.Count > 0
                ? new ScreenPopupConfigurationException(state.LastFailure)
                : new ScreenPopupConfigurationException([.. e.Failures.Select(f => new ConfigurationProblem { Path = ScreenPopupOptions.SectionName, Message = f })]);
        }
    }

    /// <summary>Compiles and swaps in a new configuration; never throws into the change notification that called it.</summary>
    private void Apply(Func<CompilationResult> compile, string cause)
    {
        lock (_applyLock)
        {
            try
            {
                var result = compile();
                if (result.Configuration is not { } configuration)
                {
                    Reject(cause, string.Join(" | ", result.Errors.Select(e => e.ToString())));
                    return;
                }

                if (configuration.Fingerprint == _current.Configuration.Fingerprint)
                {
                    // Change notifications repeat (a configuration root and its providers both signal one reload): nothing changed.
                    _lastRejection = null;
                    return;
                }

                _lastRejection = null;
                _current = new PopupEvaluator(configuration, _runtime);
                _scriptWatcher.Watch(configuration.ScriptFiles);
                _runtime.Logger.ReloadApplied(cause, configuration.ServiceCount);
                _runtime.Metrics.RecordReload(applied: true);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Reject(cause, $"{e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>Logs and counts a rejected change, once per distinct problem list.</summary>
    private void Reject(string cause, string problems)
    {
        if (problems == _lastRejection)
        {
            return;
        }

        _lastRejection = problems;
        _runtime.Logger.ReloadRejected(cause, problems);
        _runtime.Metrics.RecordReload(applied: false);
    }
}
