using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ScreenPopup.Tests;

/// <summary>One evaluator per configuration (a tenant each), as keyed services of a real Generic Host.</summary>
public sealed class NamedEvaluatorTests
{
    private static Dictionary<string, string?> Tenants(string aHost = "a.example", string bHost = "b.example") => new()
    {
        ["Tenants:A:ScreenPopup:Services:SUPPORT:Script"] = $"({{ onAnswer: 'https://{aHost}/?cli=' + encodeURIComponent(CALL_CLI) }})",
        ["Tenants:B:ScreenPopup:Services:SUPPORT:Script"] = $"({{ onAnswer: 'https://{bHost}/?cli=' + encodeURIComponent(CALL_CLI) }})",
    };

    /// <summary>One interaction's answer: the same session, trigger and agent each time, so a repeat is a duplicate.</summary>
    private static PopupRequest Call()
    {
        var request = TestEvaluators.Request();
        return request with { Call = request.Call with { ChannelSessionId = "s-1" }, Agent = new AgentVariables { Username = "mrossi" } };
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    private static async Task<(HostApplicationBuilder Builder, IHost Host)> StartTwoTenantsAsync()
    {
        var builder = Builder(Tenants());
        builder.Services.AddScreenPopup("A", builder.Configuration.GetSection("Tenants:A:ScreenPopup"));
        builder.Services.AddScreenPopup("B", builder.Configuration.GetSection("Tenants:B:ScreenPopup"));
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return (builder, host);
    }

    [Fact]
    public async Task NamedEvaluators_EachServesItsOwnConfigurationAndState()
    {
        var (builder, host) = await StartTwoTenantsAsync();
        using var started = host;
        var a = host.Services.GetRequiredKeyedService<IPopupEvaluator>("A");
        var b = host.Services.GetRequiredKeyedService<IPopupEvaluator>("B");

        a.Should().NotBeSameAs(b);
        a.Evaluate(Call()).Url.Should().StartWith("https://a.example/");
        b.Evaluate(Call()).Url.Should().StartWith("https://b.example/", "the same interaction in another tenant is not a duplicate");
        a.Evaluate(Call()).Reason.Should().Be(PopupReason.Duplicate);
        host.Services.GetService<IPopupEvaluator>().Should().BeNull("no default evaluator was registered");
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Each tenant's measurements, activities and log events name it; the default evaluator's name nothing (no empty tag).</summary>
    [Fact]
    public async Task NamedEvaluators_TheirTelemetryNamesTheTenant()
    {
        var logs = new FakeLogCollector();
        using var activities = new ActivityRecorder();
        var settings = Tenants();
        settings["ScreenPopup:Services:SUPPORT:Script"] = "({ onAnswer: 'https://default.example/' })";
        var builder = Builder(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddMetrics();
        builder.Services.AddScreenPopup();
        builder.Services.AddScreenPopup("A", builder.Configuration.GetSection("Tenants:A:ScreenPopup"));
        builder.Services.AddScreenPopup("B", builder.Configuration.GetSection("Tenants:B:ScreenPopup"));
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        using var decisions = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), ScreenPopupTelemetry.MeterName, ScreenPopupTelemetry.DecisionsCounter);
        using var durations = new MetricCollector<double>(host.Services.GetRequiredService<IMeterFactory>(), ScreenPopupTelemetry.MeterName, ScreenPopupTelemetry.EvaluationDurationHistogram);
        using var parent = new Activity("test").Start();

        host.Services.GetRequiredService<IPopupEvaluator>().Evaluate(Call());
        await host.Services.GetRequiredKeyedService<IPopupEvaluator>("A").EvaluateAsync(Call(), TestContext.Current.CancellationToken);
        host.Services.GetRequiredKeyedService<IPopupEvaluator>("B").Evaluate(Call());
        parent.Stop();

        string?[] expected = [null, "A", "B"];
        decisions.GetMeasurementSnapshot().Select(m => m.Tags.GetValueOrDefault(ScreenPopupTelemetry.Tags.Evaluator) as string).Should().Equal(expected);
        durations.GetMeasurementSnapshot().Select(m => m.Tags.GetValueOrDefault(ScreenPopupTelemetry.Tags.Evaluator) as string).Should().Equal(expected);
        activities.EvaluationsUnder(parent).Select(a => a.GetTagItem(ScreenPopupTelemetry.Tags.Evaluator) as string).Should().Equal(expected);
        logs.GetSnapshot().Where(r => r.Category == ScreenPopupTelemetry.MeterName && r.Id.Id == ScreenPopupTelemetry.EventIds.DecisionMade)
            .Select(r => r.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(scope => scope)
                .Where(pair => pair.Key == ScreenPopupTelemetry.Tags.Evaluator).Select(pair => pair.Value as string).SingleOrDefault())
            .Should().Equal(expected);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task NamedEvaluator_ReloadsWithItsSectionOnly()
    {
        var (builder, host) = await StartTwoTenantsAsync();
        using var started = host;
        var a = host.Services.GetRequiredKeyedService<IPopupEvaluator>("A");
        var b = host.Services.GetRequiredKeyedService<IPopupEvaluator>("B");

        builder.Configuration["Tenants:A:ScreenPopup:Services:SUPPORT:Script"] = "({ onAnswer: 'https://a2.example/' })";
        ((IConfigurationRoot)builder.Configuration).Reload();

        a.Evaluate(TestEvaluators.Request(cli: "1")).Url.Should().Be("https://a2.example/");
        b.Evaluate(TestEvaluators.Request(cli: "1")).Url.Should().StartWith("https://b.example/");
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task NamedEvaluator_WithABrokenScript_StopsTheHostFromStartingNamingIt()
    {
        var settings = Tenants();
        settings["Tenants:B:ScreenPopup:Services:SUPPORT:Script"] = "function popup( {";
        var builder = Builder(settings);
        builder.Services.AddScreenPopup("A", builder.Configuration.GetSection("Tenants:A:ScreenPopup"));
        builder.Services.AddScreenPopup("B", builder.Configuration.GetSection("Tenants:B:ScreenPopup"));
        using var host = builder.Build();

        var start = () => host.StartAsync(TestContext.Current.CancellationToken);

        var error = (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which;
        error.OptionsName.Should().Be("B");
        error.Message.Should().StartWith("Tenants:B:ScreenPopup:Services:SUPPORT: Script(1,18): error scriptSyntax", "the problem names the tenant's own section");
    }

    [Fact]
    public async Task NamedEvaluatorInCode_WithABrokenScript_IsNamedInTheProblem()
    {
        var builder = Builder(Tenants());
        builder.Services.AddScreenPopup("C", options => options.Services["SUPPORT"] = new PopupService { Script = "function popup( {" });
        using var host = builder.Build();

        var start = () => host.StartAsync(TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which.Message.Should().StartWith("ScreenPopup[C]:Services:SUPPORT: ");
    }

    [Fact]
    public void SameNameBoundToTheSamePathOfTwoConfigurations_IsAnErrorNotAMerge()
    {
        var first = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ScreenPopup:Services:SUPPORT:Script"] = "({})" }).Build();
        var second = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ScreenPopup:Services:SALES:Script"] = "({})" }).Build();
        var services = new ServiceCollection();
        services.AddScreenPopup("A", first.GetSection("ScreenPopup"));

        var sections = () => services.AddScreenPopup("A", second.GetSection("ScreenPopup"));
        var roots = () => new ServiceCollection().AddScreenPopup("A", first).Services.AddScreenPopup("A", second);

        sections.Should().Throw<InvalidOperationException>().WithMessage("*already bound to the section 'ScreenPopup'; binding it to the section 'ScreenPopup' as well*");
        roots.Should().Throw<InvalidOperationException>().WithMessage("*already bound to a configuration root*");
    }

    [Fact]
    public void TheSameSectionWrittenTwoWays_IsOneBinding()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ScreenPopup:Services:SUPPORT:Script"] = "({})" }).Build();
        var services = new ServiceCollection();

        var register = () =>
        {
            services.AddScreenPopup();
            services.AddScreenPopup(configuration.GetSection("ScreenPopup"));
            services.AddScreenPopup("screenpopup");
            services.AddScreenPopup("A", configuration.GetSection("ScreenPopup"));
            services.AddScreenPopup("A", configuration.GetSection("ScreenPopup"));
        };

        register.Should().NotThrow();
    }

    [Fact]
    public async Task OneTenantsBrokenFile_IsReportedByThatTenantOnly()
    {
        using var directory = new TempDirectory();
        var aFile = directory.Write("a.json", """{ "Tenants": { "A": { "Services": { "SUPPORT": { "Script": "({ onAnswer: 'https://a.example/' })" } } } } }""");
        var bFile = directory.Write("b.json", """{ "Tenants": { "B": { "Services": { "SUPPORT": { "Script": "({ onAnswer: 'https://b.example/' })" } } } } }""");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonFile(aFile, optional: false, reloadOnChange: false).AddJsonFile(bFile, optional: false, reloadOnChange: false);
        builder.Services.AddScreenPopup("A", builder.Configuration.GetSection("Tenants:A"));
        builder.Services.AddScreenPopup("B", builder.Configuration.GetSection("Tenants:B"));
        builder.Services.AddHealthChecks().AddScreenPopupHealthCheck("A").AddScreenPopupHealthCheck("B");
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        File.WriteAllText(bFile, "{ \"Tenants\": { \"B\": oops");
        var reload = () => ((IConfigurationRoot)builder.Configuration).Reload();
        reload.Should().Throw<InvalidDataException>("the host set no OnLoadException handler of its own, so the configuration system throws; ScreenPopup only reports");
        var report = await host.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        report.Entries["screenpopup:A"].Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, "b.json does not hold tenant A's section");
        report.Entries["screenpopup:B"].Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
        ((string)report.Entries["screenpopup:B"].Data["rejectedChange"]).Should().Contain("b.json");
    }

    [Fact]
    public void SameNameBoundToTwoSections_IsAnErrorNotAMerge()
    {
        var builder = Builder(Tenants());
        builder.Services.AddScreenPopup("A", builder.Configuration.GetSection("Tenants:A:ScreenPopup"));

        var act = () => builder.Services.AddScreenPopup("A", builder.Configuration.GetSection("Tenants:B:ScreenPopup"));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "The ScreenPopup evaluator 'A' is already bound to the section 'Tenants:A:ScreenPopup'; binding it to the section 'Tenants:B:ScreenPopup' as well*[FromKeyedServices(name)]*");
    }

    [Fact]
    public void DefaultEvaluatorBoundToTwoSectionPaths_IsAnErrorNotAMerge()
    {
        var services = new ServiceCollection();
        services.AddScreenPopup("TenantA");

        var act = () => services.AddScreenPopup("TenantB");

        act.Should().Throw<InvalidOperationException>().WithMessage("The ScreenPopup evaluator is already bound to the host configuration's section 'TenantA'*");
    }

    [Fact]
    public async Task SameSectionTwice_OrCodeOnTop_ConfiguresOneEvaluator()
    {
        var builder = Builder(Tenants());
        builder.Services.AddScreenPopup("A", builder.Configuration.GetSection("Tenants:A:ScreenPopup"));
        builder.Services.AddScreenPopup("A", builder.Configuration.GetSection("Tenants:A:ScreenPopup"));
        builder.Services.AddScreenPopup("A", options => options.DuplicateSuppression.Enabled = false);
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var a = host.Services.GetRequiredKeyedService<IPopupEvaluator>("A");

        a.Evaluate(Call()).Action.Should().Be(PopupAction.Open);
        a.Evaluate(Call()).Action.Should().Be(PopupAction.Open, "the code registration turned duplicate suppression off for the same evaluator");
        host.Services.GetKeyedServices<IPopupEvaluator>("A").Should().ContainSingle();
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task TenantsSharingOneStore_NeverSuppressEachOther()
    {
        var builder = Builder(Tenants());
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddScreenPopup("A", builder.Configuration.GetSection("Tenants:A:ScreenPopup")).UseDistributedState();
        builder.Services.AddScreenPopup("B", builder.Configuration.GetSection("Tenants:B:ScreenPopup")).UseDistributedState();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var a = host.Services.GetRequiredKeyedService<IPopupEvaluator>("A");
        var b = host.Services.GetRequiredKeyedService<IPopupEvaluator>("B");

        a.Evaluate(Call()).Action.Should().Be(PopupAction.Open);
        b.Evaluate(Call()).Action.Should().Be(PopupAction.Open, "the shared store keys each tenant's entries by its name");
        b.Evaluate(Call()).Reason.Should().Be(PopupReason.Duplicate, "the store is used: a repeat in the same tenant is suppressed");
        host.Services.GetRequiredService<IDistributedCache>().Should().NotBeNull();
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
