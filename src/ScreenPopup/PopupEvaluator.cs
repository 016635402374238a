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
    /// <exception cref="PlatformNotSupportedException">
    /// The runtime cannot enforce the sandbox's memory limit: .NET Framework before 4.8 (the message says what to install).
    /// </exception>
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
        Validate(request, cancellationToken);
        using var activity = PopupTracing.Source.StartActivity(ScreenPopupTelemetry.EvaluationActivity);
        var decided = Begin(request, cancellationToken);

        // The state between decisions, asked on this thread (a network store blocks it: use EvaluateAsync).
        var state = _runtime.State;
        return Complete(decided, activity,
            tabOpenBefore: decided.TabKey is { } tab && !state.TryAdd(tab, decided.Window),
            duplicate: decided.DuplicateKey is { } key && !state.TryAdd(key, decided.Window));
    }

    /// <inheritdoc />
    public async ValueTask<PopupDecision> EvaluateAsync(PopupRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request, cancellationToken);
        using var activity = PopupTracing.Source.StartActivity(ScreenPopupTelemetry.EvaluationActivity);
        var decided = Begin(request, cancellationToken);

        // The state between decisions, awaited. Not cancelled: once a key is recorded, the decision that recorded it is
        // the one returned, so that giving up here can never leave a popup recorded as opened that nobody opened.
        var state = _runtime.State;
        return Complete(decided, activity,
            tabOpenBefore: decided.TabKey is { } tab && !await StateStoreCalls.TryAddAsync(state, tab, decided.Window, CancellationToken.None).ConfigureAwait(false),
            duplicate: decided.DuplicateKey is { } key && !await StateStoreCalls.TryAddAsync(state, key, decided.Window, CancellationToken.None).ConfigureAwait(false));
    }

    /// <summary>Steps 1 to 6 decided, and the keys the state between decisions is asked about (in this order).</summary>
    private readonly record struct Decided(CompiledConfiguration Configuration, PopupRequest Request, PopupDecision Decision, long Started, string? TabKey, string? DuplicateKey)
    {
        public TimeSpan Window => Configuration.DuplicateSuppression.Window;
    }

    /// <summary>Times the evaluation, runs steps 1 to 6 and names the keys of the state step.</summary>
    private Decided Begin(PopupRequest request, CancellationToken cancellationToken)
    {
        var started = _runtime.TimeProvider.GetTimestamp();
        var configuration = _configuration;
        var decision = Decide(configuration, request, cancellationToken);
        return new Decided(configuration, request, decision, started,
            RememberedState.TabKey(request, decision, configuration), RememberedState.DuplicateKey(request, decision, configuration.DuplicateSuppression));
    }

    /// <summary>
    /// The decision as the state makes it: a tracked tab the agent already has reloads without focus; 7. duplicates: the
    /// same session, trigger and agent opens once. Then it is logged, counted and traced.
    /// </summary>
    private PopupDecision Complete(Decided decided, System.Diagnostics.Activity? activity, bool tabOpenBefore, bool duplicate)
    {
        var (configuration, request, decision, started, _, _) = decided;
        if (tabOpenBefore)
        {
            decision = RememberedState.WithTabAlreadyOpen(decision);
        }

        if (duplicate)
        {
            decision = RememberedState.Duplicate(request, decision);
        }

        _runtime.Record(request, decision, _runtime.TimeProvider.GetElapsedTime(started));
        if (activity is not null)
        {
            PopupTracing.Describe(activity, request, decision, configuration.TryFindService(request.Call.Service, out var service) ? service.Code : null, _runtime.EvaluatorName);
        }

        return decision;
    }

    /// <summary>Refuses what no evaluation can decide: no request, an enum value that does not exist, a caller that gave up.</summary>
    private static void Validate(PopupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UndefinedEnumProblem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Steps 1 to 6, readable top to bottom; what the state between decisions changes comes after.</summary>
    private PopupDecision Decide(CompiledConfiguration configuration, PopupRequest request, CancellationToken cancellationToken)
    {
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
    private static PopupDecision Present(PopupRequest request, CompiledService service, CompiledConfiguration configuration, ScriptOutcome outcome)
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

        // 6. Presentation, for the tabs the request says are open (a tracked tab opened earlier is looked up afterwards).
        var webClient = WebClientPresenter.Present(definition, request.OpenTabs, out var presentationWarning);
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
