using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

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

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which.OptionsName.Should().Be("B");
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
