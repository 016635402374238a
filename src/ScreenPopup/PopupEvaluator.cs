using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using ScreenPopup.Diagnostics;
using Microsoft.Extensions.Logging;
using ScreenPopup.Duplicates;
using ScreenPopup.Filters;
using ScreenPopup.Legacy;
using ScreenPopup.Placeholders;
using ScreenPopup.Presentation;
using ScreenPopup.Scripting;
using ScreenPopup.Serialization;

namespace ScreenPopup;

/// <summary>
/// The popup decision pipeline over one compiled configuration. Create it once with <see cref="Create"/> and share it:
/// it is thread-safe, and each evaluation runs its script in an isolated sandbox (a pooled, locked-down engine reset to its pristine globals). Hosts that use dependency
/// injection resolve <see cref="IPopupEvaluator"/> instead (see <c>AddScreenPopup</c>), which also reloads configuration.
/// </summary>
public sealed class PopupEvaluator : IPopupEvaluator
{
    private readonly CompiledConfiguration _configuration;
    private readonly PopupRuntime _runtime;

    internal PopupEvaluator(CompiledConfiguration configuration, PopupRuntime runtime)
    {
        _configuration = configuration;
        _runtime = runtime;
    }

    /// <summary>Validates the options and compiles every service's script.</summary>
    /// <param name="options">The configuration. It is copied: later changes to it do not affect the evaluator.</param>
    /// <param name="loggerFactory">Where log events go; none by default.</param>
    /// <param name="meterFactory">Where the <c>ScreenPopup</c> meter is created; a process-wide meter by default.</param>
    /// <param name="timeProvider">The clock for durations and duplicate expiry; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="stateStore">Where opened popups are remembered for duplicate suppression; an <see cref="InMemoryPopupStateStore"/> by default.</param>
    /// <returns>A thread-safe evaluator.</returns>
    /// <exception cref="ScreenPopupConfigurationException">The options are invalid; the exception lists every problem at once.</exception>
    public static PopupEvaluator Create(ScreenPopupOptions options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null, TimeProvider? timeProvider = null, IPopupStateStore? stateStore = null)
    {
        var configuration = CompiledConfiguration.Compile(options);
        ScriptRunner.WarmUp();
        return new PopupEvaluator(configuration, new PopupRuntime(loggerFactory, meterFactory, timeProvider, stateStore, options.DuplicateSuppression?.MaxEntries ?? 100_000));
    }

    internal CompiledConfiguration Configuration => _configuration;

    /// <summary>
    /// The compiled script of the service <paramref name="serviceCode"/>, for tools and admin UIs that show its
    /// <see cref="PopupScript.Diagnostics"/>; <see langword="null"/> for an unknown code and for a service without a
    /// script (a legacy batch service, a C# provider).
    /// </summary>
    /// <param name="serviceCode">The service's code, matched as evaluation matches it (ignoring case); the default service is not used.</param>
    /// <returns>The script, or <see langword="null"/>.</returns>
    public PopupScript? ScriptOf(string serviceCode)
    {
        ArgumentNullException.ThrowIfNull(serviceCode);
        return _configuration.ScriptOf(serviceCode);
    }

    /// <summary>What this evaluator's health depends on now: a failing shared state store, quarantined scripts.</summary>
    public ScreenPopupHealth Health => _runtime.HealthOf(_configuration.Scripts);

    /// <inheritdoc />
    public PopupDecision Evaluate(PopupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UndefinedEnumProblem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        using var activity = PopupTracing.Source.StartActivity(ScreenPopupTelemetry.EvaluationActivity);
        var started = _runtime.TimeProvider.GetTimestamp();
        var decision = Decide(request, cancellationToken);

        // 7. Duplicates: the same session, trigger and agent opens once.
        if (decision.Action is PopupAction.Open or PopupAction.RunBatch && _runtime.Duplicates.IsDuplicate(request, _configuration.DuplicateSuppression))
        {
            decision = PopupDecision.NoPopup(request.Trigger, PopupReason.Duplicate,
                $"this interaction already opened a popup on {WireNames.Of(request.Trigger)} for this agent", decision.Diagnostics);
        }

        _runtime.Record(request, decision, _runtime.TimeProvider.GetElapsedTime(started));
        if (activity is not null)
        {
            PopupTracing.Describe(activity, request, decision, _configuration.TryFindService(request.Call.Service, out var service) ? service.Code : null);
        }

        return decision;
    }

    /// <summary>The tabs the agent has open: the request's list, plus (with <see cref="ScreenPopupOptions.TrackOpenTabs"/>) a named tab remembered from an earlier popup.</summary>
    private IReadOnlyList<string> OpenTabs(PopupRequest request, PopupDefinition definition, CompiledConfiguration configuration)
    {
        if (!configuration.TrackOpenTabs || !definition.WebClientOpenNewTab || definition.WebClientTabName is not { } tab || request.Agent.Username is not { Length: > 0 } agent)
        {
            return request.OpenTabs;
        }

        var firstTime = _runtime.State.TryAdd($"tab|{agent.Length}:{agent}|{tab}", configuration.DuplicateSuppression.Window);
        return firstTime ? request.OpenTabs : [.. request.OpenTabs, tab];
    }

    /// <summary>Steps 1 to 6, readable top to bottom.</summary>
    private PopupDecision Decide(PopupRequest request, CancellationToken cancellationToken)
    {
        var configuration = _configuration;
        var trigger = request.Trigger;

        // 1. Filters: service, channel, call type, role.
        if (ServiceFilter.Apply(configuration, request, out var rejection) is not { } service)
        {
            return rejection!;
        }

        // Legacy mode replaces steps 2 to 6: the agent's PC runs the service's batch file.
        if (service.Mode == PopupMode.LegacyBat)
        {
            var legacyDiagnostics = new List<PopupDiagnostic>();
            var environment = LegacyEnvironment.Build(request, configuration.Legacy, legacyDiagnostics);
            return new PopupDecision
            {
                Trigger = trigger,
                Action = PopupAction.RunBatch,
                Batch = new BatchInvocation { File = service.BatchFile!, Environment = environment },
                Diagnostics = legacyDiagnostics,
            };
        }

        // 2. Generation: the host's C# provider, or the service's script in the sandbox (unless it is quarantined).
        if (service.Provider is { } provider)
        {
            return Present(request, service, configuration, ProviderRunner.Run(provider, request.Call));
        }

        var script = service.Script!;
        if (_runtime.Quarantine.IsQuarantined(script, out var until))
        {
            return PopupDecision.Failure(trigger, PopupReason.ScriptQuarantined,
                $"the script of service '{service.Code}' is quarantined until {until:HH:mm:ss} UTC after {configuration.Sandbox.QuarantineAfter} timeouts or limit hits in a row; fix the script (a configuration change lifts the quarantine) or wait");
        }

        var outcome = ScriptRunner.Run(_runtime.Engines, script, request.Call, configuration.Sandbox, cancellationToken);
        _runtime.Quarantine.Record(script, service.Code, outcome.FailureReason, configuration.Sandbox);
        return Present(request, service, configuration, outcome);
    }

    /// <summary>
    /// Binds the agent's values where the admin wrote placeholders: a script's marked ones (<see cref="PlaceholderMarks"/>), or
    /// a C# provider's own; a "{$" from call data stays text. False when a script cut one of its placeholders.
    /// </summary>
    private static bool TryBindWrittenPlaceholders(ScriptOutcome outcome, string url, PopupRequest request, CompiledConfiguration configuration,
        [NotNullWhen(true)] out PlaceholderBinding? binding, [NotNullWhen(false)] out string? problem)
    {
        if (outcome.Placeholders is { } marks)
        {
            return marks.TryBind(url, request.Agent, configuration.AllowSecretsOverHttp, out binding, out problem);
        }

        problem = null;
        binding = AgentPlaceholders.Bind(CallerDataPlaceholders.RestoreInUrl(url), request.Agent, configuration.AllowSecretsOverHttp);
        return true;
    }

    private static PopupDiagnostic UrlWrittenAsABrowserLoadsIt(PopupTrigger trigger, string change) => new()
    {
        Severity = DiagnosticSeverity.Info,
        Code = PopupDiagnosticCodes.UrlNormalized,
        Message = $"on{trigger}: the URL is written as a browser loads it ({change}); build it that way (encodeURIComponent for values) to open exactly what the script returns",
    };

    /// <summary>Steps 3 to 6, for a definition from a script or a provider.</summary>
    private PopupDecision Present(PopupRequest request, CompiledService service, CompiledConfiguration configuration, ScriptOutcome outcome)
    {
        var trigger = request.Trigger;
        var diagnostics = outcome.Diagnostics;
        if (outcome.Definition is not { } definition)
        {
            return PopupDecision.Failure(trigger, outcome.FailureReason!.Value, outcome.FailureMessage!, diagnostics);
        }

        // 3. The URL for this trigger.
        if (definition.UrlFor(trigger) is not { } template)
        {
            return PopupDecision.NoPopup(trigger, PopupReason.NoUrl, $"the script gives no URL for {WireNames.Of(trigger)} (on{trigger} is null)", diagnostics);
        }

        // 4. Agent placeholders: only those the admin wrote are bound; any other "{$" is text.
        if (!TryBindWrittenPlaceholders(outcome, template, request, configuration, out var binding, out var cutPlaceholder))
        {
            return PopupDecision.Failure(trigger, PopupReason.InvalidUrl, $"on{trigger}: {cutPlaceholder}", diagnostics);
        }

        if (!binding.Succeeded)
        {
            return PopupDecision.Failure(trigger, binding.Error!.Value, binding.Message!, diagnostics);
        }

        // 5. URL check, and the URL written as a browser loads it.
        // Their texts quote the URL: a bound secret in it is taken out (they are logged and shown, the URL is not).
        if (configuration.UrlPolicy.Check(binding.Url, out var url, out var urlChange) is { } urlProblem)
        {
            var problem = binding.BoundSecret ? SecretRedaction.Redact(urlProblem, request.Agent) : urlProblem;
            return PopupDecision.Failure(trigger, PopupReason.InvalidUrl, $"on{trigger}: {problem}", diagnostics);
        }

        if (urlChange is not null)
        {
            diagnostics = [.. diagnostics, UrlWrittenAsABrowserLoadsIt(trigger, binding.BoundSecret ? SecretRedaction.Redact(urlChange, request.Agent) : urlChange)];
        }

        // 6. Presentation.
        var webClient = WebClientPresenter.Present(definition, OpenTabs(request, definition, configuration), out var presentationWarning);
        return new PopupDecision
        {
            Trigger = trigger,
            Action = PopupAction.Open,
            Url = url,
            UrlContainsSecret = binding.BoundSecret,
            PendingPlaceholders = binding.Pending,
            WebClient = webClient,
            TvoxClient = service.TvoxClient,
            Diagnostics = presentationWarning is null ? diagnostics : [.. diagnostics, presentationWarning],
        };
    }
}
