namespace ScreenPopup.Tests;

/// <summary>The service and requests of the tests where several instances share popup state (in memory or through Redis).</summary>
internal static class SharedStateScenario
{
    /// <summary>Options with one SUPPORT service that opens a named tab on ring and on answer.</summary>
    public static ScreenPopupOptions Options(Action<ScreenPopupOptions>? configure = null)
    {
        var options = new ScreenPopupOptions { Sandbox = TestEvaluators.RelaxedSandbox() };
        options.Services["SUPPORT"] = new PopupService { Script = "({ onRing: 'https://crm.example/ring', onAnswer: 'https://crm.example/answer', webClientOpenNewTab: true, webClientTabName: 'crm' })" };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A request of the SUPPORT service for one interaction (<paramref name="session"/>).</summary>
    public static PopupRequest Request(string session, PopupTrigger trigger = PopupTrigger.Ring, string agent = "mrossi") => new()
    {
        Trigger = trigger,
        Call = new CallVariables { Service = "SUPPORT", ChannelSessionId = session },
        Agent = new AgentVariables { Username = agent },
    };
}
