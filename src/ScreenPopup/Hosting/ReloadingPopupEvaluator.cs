using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ScreenPopup.Diagnostics;
using ScreenPopup.Scripting;

namespace ScreenPopup.Hosting;

/// <summary>
/// The <see cref="IPopupEvaluator"/> of a host: serves the current configuration and replaces it when the options or a
/// script file change. A change that does not compile is rejected and logged; the last good configuration keeps
/// serving. Evaluations in flight finish on the configuration they started with.
/// </summary>
internal sealed class ReloadingPopupEvaluator : IPopupEvaluator, IDisposable
{
    private readonly IOptionsMonitor<ScreenPopupOptions> _monitor;
    private readonly string _name;
    private readonly ConfigurationState _state;
    private readonly PopupRuntime _runtime;
    private readonly Lock _applyLock = new();
    private readonly IDisposable? _optionsSubscription;
    private readonly ScriptFileWatcher _scriptWatcher;
    private readonly ConfigurationFileErrors _fileErrors;
    private volatile PopupEvaluator _current;
    private string? _lastRejection;

    /// <param name="name">The evaluator's name: <see cref="Options.DefaultName"/>, or the name of a keyed evaluator, whose named options it serves.</param>
    /// <param name="monitor">The options.</param>
    /// <param name="state">Shared with the options validator of the same name.</param>
    /// <param name="createRuntime">Creates the runtime from the initial options (the state store's capacity is read there).</param>
    /// <param name="configuration">The host's configuration, whose files that fail to load on a change are reported; null when there is none.</param>
    /// <param name="sectionPath">The path of the section the options are bound to: only files holding it are reported; null (configuration in code) for none.</param>
    public ReloadingPopupEvaluator(string name, IOptionsMonitor<ScreenPopupOptions> monitor, ConfigurationState state, Func<ScreenPopupOptions, PopupRuntime> createRuntime,
        IConfiguration? configuration = null, string? sectionPath = null)
    {
        _name = name;
        _monitor = monitor;
        _state = state;

        var options = CurrentOptions(name, monitor, state);
        var initial = state.Compile(options);
        if (initial.Configuration is null)
        {
            throw new ScreenPopupConfigurationException(initial.Errors);
        }

        ScriptRunner.WarmUp();
        _runtime = createRuntime(options);
        _current = new PopupEvaluator(initial.Configuration, _runtime);
        state.IsServing = true;

        _fileErrors = new ConfigurationFileErrors(configuration, sectionPath, (file, problem) =>
            Reject($"the configuration file {Path.GetFileName(file)} changed and could not be read", problem));
        _scriptWatcher = new ScriptFileWatcher(() => Apply(_monitor.Get(_name), ConfigurationState.CompileNow, "a script file changed"));
        _scriptWatcher.Watch(initial.Configuration.ScriptFiles);
        _optionsSubscription = monitor.OnChange((options, name) =>
        {
            if ((name ?? Options.DefaultName) == _name)
            {
                Apply(options, _state.Compile, "the configuration changed");
            }
        });
    }

    /// <summary>The evaluator of the configuration serving now.</summary>
    internal PopupEvaluator Current => _current;

    /// <summary>The health: the runtime's, and the last rejected change while it is pending.</summary>
    internal ScreenPopupHealth Health => _current.Health with { RejectedChange = Volatile.Read(ref _lastRejection) };

    public PopupDecision Evaluate(PopupRequest request, CancellationToken cancellationToken = default) =>
        _current.Evaluate(request, cancellationToken);

    public ValueTask<PopupDecision> EvaluateAsync(PopupRequest request, CancellationToken cancellationToken = default) =>
        _current.EvaluateAsync(request, cancellationToken);

    public void Dispose()
    {
        _optionsSubscription?.Dispose();
        _scriptWatcher.Dispose();
        _fileErrors.Dispose();
    }

    /// <summary>Reads the options at start-up; a validation failure becomes one exception that lists every problem.</summary>
    private static ScreenPopupOptions CurrentOptions(string name, IOptionsMonitor<ScreenPopupOptions> monitor, ConfigurationState state)
    {
        try
        {
            return monitor.Get(name);
        }
        catch (OptionsValidationException e)
        {
            throw state.LastFailure.Count > 0
                ? new ScreenPopupConfigurationException(state.LastFailure)
                : new ScreenPopupConfigurationException([.. e.Failures.Select(f => new ConfigurationProblem { Path = ScreenPopupOptions.SectionName, Message = f })]);
        }
    }

    /// <summary>Compiles and swaps in a new configuration; never throws into the change notification that called it.</summary>
    private void Apply(ScreenPopupOptions options, Func<ScreenPopupOptions, CompilationResult> compile, string cause)
    {
        lock (_applyLock)
        {
            try
            {
                var result = compile(options);
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

                if (RemovesTooMuch(_current.Configuration, configuration, options) is { } loss)
                {
                    Reject(cause, loss);
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

    /// <summary>Why a change removes more services than the options allow, or null when it does not.</summary>
    private static string? RemovesTooMuch(CompiledConfiguration current, CompiledConfiguration next, ScreenPopupOptions options)
    {
        var removed = current.ServiceCodes.Where(code => !next.ServiceCodes.Contains(code, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (next.ServiceCount == 0 && current.ServiceCount > 0 && !options.AllowReloadWithoutServices)
        {
            return $"{ScreenPopupOptions.SectionName}: the change removes every service ({string.Join(", ", removed)}), so no interaction would pop; " +
                   $"a deleted or emptied section is taken for a mistake. If it is meant, set {nameof(ScreenPopupOptions.AllowReloadWithoutServices)} in code";
        }

        if (options.MaxServicesRemovedByReload is { } max && removed.Count > max)
        {
            return $"{ScreenPopupOptions.SectionName}: the change removes {removed.Count} services ({string.Join(", ", removed)}), more than " +
                   $"{nameof(ScreenPopupOptions.MaxServicesRemovedByReload)} ({max}) allows; remove fewer at a time or raise the limit";
        }

        return null;
    }

    /// <summary>Logs and counts a rejected change, once per distinct problem list (the lock is re-entrant: <see cref="Apply"/> holds it already).</summary>
    private void Reject(string cause, string problems)
    {
        lock (_applyLock)
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
}
