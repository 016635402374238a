namespace ScreenPopup;

/// <summary>
/// The popup decision pipeline over one compiled configuration. Create it once with <see cref="Create"/> and share it:
/// it is immutable and thread-safe, and each evaluation runs its script in a fresh, isolated sandbox.
/// </summary>
public sealed class PopupEvaluator : IPopupEvaluator
{
    private readonly CompiledConfiguration _configuration;

    private PopupEvaluator(CompiledConfiguration configuration) => _configuration = configuration;

    /// <summary>Validates the options and compiles every service's script.</summary>
    /// <param name="options">The configuration. It is copied: later changes to it do not affect the evaluator.</param>
    /// <returns>A thread-safe evaluator.</returns>
    /// <exception cref="ScreenPopupConfigurationException">The options are invalid; the exception lists every problem at once.</exception>
    public static PopupEvaluator Create(ScreenPopupOptions options)
    {
        var configuration = CompiledConfiguration.Compile(options);
        ScriptRunner.WarmUp();
        return new PopupEvaluator(configuration);
    }

    /// <inheritdoc />
    public PopupDecision Evaluate(PopupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configuration = _configuration;
        var trigger = request.Trigger;

        // 1. Filters: service, channel, call type, role.
        if (ServiceFilter.Apply(configuration, request, out var rejection) is not { } service)
        {
            return rejection!;
        }

        // 2. Generation: the service's script, in the sandbox.
        var outcome = ScriptRunner.Run(service.Script, request.Call, configuration.Sandbox, cancellationToken);
        var diagnostics = outcome.Diagnostics.ToList();
        if (outcome.Definition is not { } definition)
        {
            return PopupDecision.Failure(trigger, outcome.FailureReason!.Value, outcome.FailureMessage!, diagnostics);
        }

        // 3. The URL for this trigger.
        if (definition.UrlFor(trigger) is not { } template)
        {
            return PopupDecision.NoPopup(trigger, PopupReason.NoUrl, $"the script gives no URL for {PopupJson.EnumName(trigger)} (on{trigger} is null)", diagnostics);
        }

        // 4. Agent placeholders.
        var binding = AgentPlaceholders.Bind(template, request.Agent, configuration.AllowSecretsOverHttp);
        if (!binding.Succeeded)
        {
            return PopupDecision.Failure(trigger, binding.Error!.Value, binding.Message!, diagnostics);
        }

        // 5. URL check.
        if (configuration.UrlPolicy.Check(binding.Url) is { } urlProblem)
        {
            return PopupDecision.Failure(trigger, PopupReason.InvalidUrl, $"on{trigger}: {urlProblem}", diagnostics);
        }

        // 6. Presentation.
        var webClient = WebClientPresenter.Present(definition, request.OpenTabs, diagnostics);
        return new PopupDecision
        {
            Trigger = trigger,
            Action = PopupAction.Open,
            Url = binding.Url,
            UrlContainsSecret = binding.BoundSecret,
            PendingPlaceholders = binding.Pending,
            WebClient = webClient,
            TvoxClient = new TvoxClientPresentation { Target = service.ClientTarget },
            Diagnostics = diagnostics,
        };
    }
}
