using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ScreenPopup.Tests;

/// <summary>The ScreenPopup health check in a real Generic Host: every state an operator must see.</summary>
public sealed class HealthCheckTests
{
    private const string Script = "function popup(call) { if (call.CALL_CHANNELDATA === 'loop') { for (;;) {} } return { onAnswer: 'https://crm.example/' }; }";

    private static (IHost Host, IConfigurationRoot Configuration) Start(Action<IServiceCollection, IConfiguration>? register = null, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ScreenPopup:Services:SUPPORT:Script"] = Script,
            ["ScreenPopup:Sandbox:QuarantineAfter"] = "1",
            // The loop is stopped by the statement limit (scriptLimit): the timeout is set out of its way, since on a
            // busy machine the 100 ms default fired first (scriptTimeout) once in CI.
            ["ScreenPopup:Sandbox:Timeout"] = "00:01:00",
        });
        builder.Configuration.AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        builder.Services.AddHealthChecks().AddScreenPopupHealthCheck();
        if (register is null)
        {
            builder.Services.AddScreenPopup();
        }
        else
        {
            register(builder.Services, builder.Configuration);
        }

        var host = builder.Build();
        host.StartAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return (host, (IConfigurationRoot)builder.Configuration);
    }

    private static async Task<HealthReportEntry> CheckAsync(IHost host, string name = "screenpopup") =>
        (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken)).Entries[name];

    private static PopupRequest Request(string data = "") =>
        new() { Trigger = PopupTrigger.Answer, Call = new CallVariables { Service = "SUPPORT", ChannelData = data } };

    [Fact]
    public async Task Serving_IsHealthy()
    {
        var (host, _) = Start();
        using var _ = host;

        var entry = await CheckAsync(host);

        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Tags.Should().Contain("screenpopup");
        entry.Data["stateStoreFailing"].Should().Be(false);
    }

    [Fact]
    public async Task RejectedChange_IsDegradedUntilAGoodChangeServes()
    {
        var (host, configuration) = Start();
        using var _ = host;

        configuration["ScreenPopup:Services:SUPPORT:Script"] = "function popup( {";
        configuration.Reload();
        var rejected = await CheckAsync(host);
        configuration["ScreenPopup:Services:SUPPORT:Script"] = "({ onAnswer: 'https://crm2.example/' })";
        configuration.Reload();
        var fixedAgain = await CheckAsync(host);

        rejected.Status.Should().Be(HealthStatus.Degraded);
        rejected.Description.Should().StartWith("a configuration change was rejected and the last good configuration is serving: ").And.Contain("scriptSyntax");
        ((string)rejected.Data["rejectedChange"]).Should().Contain("ScreenPopup:Services:SUPPORT");
        fixedAgain.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task FailingSharedStore_IsDegradedUntilItWorksAgain()
    {
        var store = new SwitchableStore { Failing = true };
        var (host, _) = Start((services, _) => services.AddScreenPopup().UseStateStore(_ => store));
        using var _ = host;
        var evaluator = host.Services.GetRequiredService<IPopupEvaluator>();

        evaluator.Evaluate(Request() with { Call = Request().Call with { ChannelSessionId = "s-1" } }).Action.Should().Be(PopupAction.Open, "a store failure never fails a decision");
        var failing = await CheckAsync(host);

        failing.Status.Should().Be(HealthStatus.Degraded);
        failing.Description.Should().Contain("the shared state store fails");
        failing.Data["stateStoreFailing"].Should().Be(true);
    }

    [Fact]
    public async Task QuarantinedScript_IsDegradedNamingTheService()
    {
        var (host, _) = Start();
        using var _ = host;

        host.Services.GetRequiredService<IPopupEvaluator>().Evaluate(Request("loop")).Reason.Should().Be(PopupReason.ScriptLimit);
        var entry = await CheckAsync(host);

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain("the script of service 'SUPPORT' is quarantined until");
        ((string[])entry.Data["quarantinedServices"]).Should().Equal("SUPPORT");
    }

    [Fact]
    public async Task QuarantineLiftedByAConfigurationChange_IsHealthyAgain()
    {
        var (host, configuration) = Start();
        using var _ = host;
        host.Services.GetRequiredService<IPopupEvaluator>().Evaluate(Request("loop"));

        configuration["ScreenPopup:Services:SUPPORT:Script"] = "({ onAnswer: 'https://crm2.example/' })";
        configuration.Reload();
        var entry = await CheckAsync(host);

        host.Services.GetRequiredService<IPopupEvaluator>().Evaluate(Request()).Action.Should().Be(PopupAction.Open);
        entry.Status.Should().Be(HealthStatus.Healthy, "the replaced configuration's quarantine is lifted, whenever its script is collected");
    }

    [Fact]
    public async Task NamedEvaluator_HasItsOwnCheck()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["A:Services:SUPPORT:Script"] = Script,
            ["A:Sandbox:QuarantineAfter"] = "1",
            ["B:Services:SUPPORT:Script"] = Script,
        });
        builder.Services.AddScreenPopup("A", builder.Configuration.GetSection("A"));
        builder.Services.AddScreenPopup("B", builder.Configuration.GetSection("B"));
        builder.Services.AddHealthChecks().AddScreenPopupHealthCheck("A").AddScreenPopupHealthCheck("B");
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        host.Services.GetRequiredKeyedService<IPopupEvaluator>("A").Evaluate(Request("loop"));

        (await CheckAsync(host, "screenpopup:A")).Status.Should().Be(HealthStatus.Degraded);
        (await CheckAsync(host, "screenpopup:B")).Status.Should().Be(HealthStatus.Healthy, "one tenant's quarantine is not another's");
    }

    private sealed class SwitchableStore : IPopupStateStore
    {
        public bool Failing { get; set; }

        public bool TryAdd(string key, TimeSpan timeToLive) => Failing ? throw new IOException("the store is down") : true;
    }
}
