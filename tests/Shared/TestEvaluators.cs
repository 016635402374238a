namespace ScreenPopup.Tests;

/// <summary>Builds evaluators and requests for tests.</summary>
internal static class TestEvaluators
{
    public const string Service = "SUPPORT";

    public const string ReferenceScript = """
        var base = 'https://crm.example/contact';
        function popup(call) {
          return {
            onRing: base + '?cli=' + encodeURIComponent(CALL_CLI),
            onAnswer: base + '?cli=' + encodeURIComponent(call.CALL_CLI) + '&op={$USERNAME}',
            onHangup: null,
            onDemand: base + '/search?token={$ACCESS_TOKEN}',
            webClientOpenNewTab: true,
            webClientTabName: 'crm'
          };
        }
        """;

    /// <summary>A generous timeout: these tests run on shared, noisy machines and do not test the timeout itself.</summary>
    public static SandboxOptions RelaxedSandbox() => new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The compiled form of <see cref="RelaxedSandbox"/>, for tests that build an engine directly.</summary>
    public static SandboxLimits RelaxedLimits() => RelaxedSandbox().ToLimits();

    public static PopupEvaluator ForScript(string script, Action<PopupService>? configureService = null, Action<ScreenPopupOptions>? configure = null)
    {
        var service = new PopupService { Script = script };
        configureService?.Invoke(service);
        var options = new ScreenPopupOptions { Sandbox = RelaxedSandbox() };
        options.Services[Service] = service;
        configure?.Invoke(options);
        return PopupEvaluator.Create(options);
    }

    private static int _sessions;

    /// <summary>A new interaction each time (its own session id), so duplicate suppression does not interfere.</summary>
    public static PopupRequest Request(
        PopupTrigger trigger = PopupTrigger.Answer,
        string cli = "+390212345678",
        PopupChannel channel = PopupChannel.Phone,
        PopupRole role = PopupRole.Agent,
        string service = Service,
        AgentVariables? agent = null,
        IReadOnlyList<string>? openTabs = null) => new()
        {
            Trigger = trigger,
            Role = role,
            Channel = channel,
            Call = new CallVariables { Service = service, Cli = cli, ChannelSessionId = $"s-{Interlocked.Increment(ref _sessions)}" },
            Agent = agent ?? new AgentVariables { Username = "mrossi" },
            OpenTabs = openTabs ?? [],
        };
}
