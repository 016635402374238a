using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ScreenPopup.Tests;

public sealed class ScreenPopupServiceCollectionExtensionsTests
{
    private const string SupportScript = "function popup(call) { return { onAnswer: 'https://crm.example/v1?cli=' + encodeURIComponent(call.CALL_CLI) }; }";

    private static string SpecConfiguration(string supportFile = "popups/support.js") => $$"""
        { "ScreenPopup": {
            "Services": {
              "SUPPORT": { "Enabled": true, "Channels": ["phone", "webchat", "whatsapp", "custom:telegram"], "CallTypes": ["inbound"],
                           "ScriptFile": "{{supportFile}}", "EntryPoint": "popup", "ClientTarget": "webView" },
              "SALES":   { "Enabled": false, "Mode": "server", "Script": "({ onRing: 'https://sales.example/' })", "ClientTarget": "webViewMultiTab" },
              "OLDDESK": { "Mode": "legacyBat", "BatchFile": "C:\\tvox\\winpopup.bat" } },
            "DefaultService": "SUPPORT",
            "Sandbox": { "Timeout": "00:00:05", "MaxStatements": 5000, "MemoryLimitBytes": 8000000, "MaxRecursion": 64, "RegexTimeout": "00:00:00.020" },
            "DuplicateSuppression": { "Enabled": false, "Window": "00:10:00", "MaxEntries": 500 },
            "Legacy": { "ValuePolicy": "remove", "MaxValueLength": 300 },
            "AllowedSchemes": ["https"], "AllowSecretsOverHttp": true } }
        """;

    [Theory]
    [InlineData(null, "popups/support.js")]
    [InlineData("scripts", "support.js")]
    public async Task AddScreenPopup_InAHost_ResolvesRelativeScriptPathsAgainstTheContentRoot(string? scriptBaseDirectory, string scriptFile)
    {
        using var contentRoot = new TempDirectory();
        contentRoot.Write(scriptBaseDirectory is null ? "popups/support.js" : "scripts/support.js", SupportScript);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = contentRoot.Path });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ScreenPopup:Services:SUPPORT:ScriptFile"] = scriptFile,
            ["ScreenPopup:ScriptBaseDirectory"] = scriptBaseDirectory,
        });
        builder.Services.AddScreenPopup();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        var decision = host.Services.GetRequiredService<IPopupEvaluator>().Evaluate(TestEvaluators.Request(PopupTrigger.Answer));

        decision.Action.Should().Be(PopupAction.Open, decision.Message);
        decision.Url.Should().StartWith("https://crm.example/v1?cli=");
        AppContext.BaseDirectory.Should().NotStartWith(contentRoot.Path, "the script is found in the content root, not the build output");
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AddScreenPopup_InAHost_BrokenEditBeforeTheFirstPopup_IsRejectedNotThrownIntoTheReload()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ScreenPopup:Services:SUPPORT:Script"] = SupportScript });
        builder.Services.AddScreenPopup();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        // Nothing has resolved the evaluator yet: the host created it at start, so it judges the edit.
        var edit = () =>
        {
            builder.Configuration["ScreenPopup:Services:SUPPORT:Script"] = "function popup( {";
            ((IConfigurationRoot)builder.Configuration).Reload();
        };

        edit.Should().NotThrow("a configuration file's reload runs on the host's own thread: an exception there would end the process");
        var decision = host.Services.GetRequiredService<IPopupEvaluator>().Evaluate(TestEvaluators.Request(PopupTrigger.Answer));
        decision.Url.Should().StartWith("https://crm.example/v1?cli=", "the last good configuration keeps serving");
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Create_RelativeScriptBaseDirectory_ResolvesAgainstTheApplicationBaseDirectory()
    {
        var options = new ScreenPopupOptions { ScriptBaseDirectory = "no-such-folder" };
        options.Services["SUPPORT"] = new PopupService { ScriptFile = "support.js" };

        var act = () => PopupEvaluator.Create(options);

        act.Should().Throw<ScreenPopupConfigurationException>().Which.Message.Should().Contain(Path.Combine(AppContext.BaseDirectory, "no-such-folder", "support.js"));
    }

    [Fact]
    public void AddScreenPopup_WithoutAHost_ResolvesAgainstTheApplicationBaseDirectory()
    {
        var services = new ServiceCollection();
        services.AddScreenPopup(o => o.Services["SUPPORT"] = new PopupService { ScriptFile = "popups/missing.js" });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<ScreenPopupOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(Path.Combine(AppContext.BaseDirectory, "popups", "missing.js"));
    }

    [Fact]
    public void AddScreenPopup_FromJsonSection_BindsEveryOption()
    {
        using var directory = new TempDirectory();
        directory.Write("popups/support.js", SupportScript);
        var configuration = new ConfigurationBuilder().AddJsonStream(Stream(SpecConfiguration())).Build();
        var services = new ServiceCollection();
        services.AddScreenPopup(configuration.GetSection("ScreenPopup"));
        services.PostConfigure<ScreenPopupOptions>(o => o.ScriptBaseDirectory = directory.Path);

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ScreenPopupOptions>>().Value;

        var support = options.Services["SUPPORT"];
        support.Enabled.Should().BeTrue();
        support.Channels.Should().Equal("phone", "webchat", "whatsapp", "custom:telegram");
        support.CallTypes.Should().Equal("inbound");
        support.ScriptFile.Should().Be("popups/support.js");
        support.EntryPoint.Should().Be("popup");
        support.ClientTarget.Should().Be(TvoxClientTarget.WebView);
        options.Services["sales"].Enabled.Should().BeFalse();
        options.Services["SALES"].Script.Should().Contain("sales.example");
        options.Services["SALES"].ClientTarget.Should().Be(TvoxClientTarget.WebViewMultiTab);
        options.Services["SALES"].Mode.Should().Be(PopupMode.Server);
        options.Services["OLDDESK"].Mode.Should().Be(PopupMode.LegacyBat);
        options.Services["OLDDESK"].BatchFile.Should().Be(@"C:\tvox\winpopup.bat");
        options.Legacy.ValuePolicy.Should().Be(LegacyValuePolicy.Remove);
        options.Legacy.MaxValueLength.Should().Be(300);
        options.DefaultService.Should().Be("SUPPORT");
        options.Sandbox.Timeout.Should().Be(TimeSpan.FromSeconds(5));
        options.Sandbox.MaxStatements.Should().Be(5000);
        options.Sandbox.MemoryLimitBytes.Should().Be(8_000_000);
        options.Sandbox.MaxRecursion.Should().Be(64);
        options.Sandbox.RegexTimeout.Should().Be(TimeSpan.FromMilliseconds(20));
        options.DuplicateSuppression.Enabled.Should().BeFalse();
        options.DuplicateSuppression.Window.Should().Be(TimeSpan.FromMinutes(10));
        options.DuplicateSuppression.MaxEntries.Should().Be(500);
        options.AllowedSchemes.Should().Equal("https");
        options.AllowSecretsOverHttp.Should().BeTrue();

        var decision = provider.GetRequiredService<IPopupEvaluator>().Evaluate(TestEvaluators.Request(cli: "42", service: "UNKNOWN") with
        {
            Call = new CallVariables { Service = "UNKNOWN", Cli = "42", CallType = "inbound" },
        });
        decision.Url.Should().Be("https://crm.example/v1?cli=42");
        decision.TvoxClient!.Target.Should().Be(TvoxClientTarget.WebView);
        var legacy = provider.GetRequiredService<IPopupEvaluator>().Evaluate(TestEvaluators.Request(service: "OLDDESK"));
        legacy.Action.Should().Be(PopupAction.RunBatch);
        legacy.Batch!.File.Should().Be(@"C:\tvox\winpopup.bat");
    }

    [Fact]
    public void AddScreenPopup_FromHostConfigurationPath_BindsAndEvaluates()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonStream(Stream("""{ "Popups": { "Services": { "SUPPORT": { "Script": "({ onAnswer: 'https://crm.example/' })" } } } }"""));
        builder.Services.AddScreenPopup("Popups");
        builder.Services.PostConfigure<ScreenPopupOptions>(o => o.Sandbox = TestEvaluators.RelaxedSandbox());
        using var host = builder.Build();

        host.Services.GetRequiredService<IPopupEvaluator>().Evaluate(TestEvaluators.Request()).Url.Should().Be("https://crm.example/");
    }

    [Fact]
    public void AddScreenPopup_InCode_ConfiguresServices()
    {
        var services = new ServiceCollection();
        services.AddScreenPopup(o =>
        {
            o.Sandbox = TestEvaluators.RelaxedSandbox();
            o.Services["SUPPORT"] = new PopupService { Script = "({ onAnswer: 'https://crm.example/code' })" };
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IPopupEvaluator>().Evaluate(TestEvaluators.Request()).Url.Should().Be("https://crm.example/code");
    }

    [Fact]
    public void AddScreenPopup_CalledTwice_RegistersOneEvaluatorAndOneValidator()
    {
        var services = new ServiceCollection();
        services.AddScreenPopup(o => o.Services["SUPPORT"] = new PopupService { Script = "({})" });
        services.AddScreenPopup(o => { });

        services.Count(d => d.ServiceType == typeof(IPopupEvaluator)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<ScreenPopupOptions>)).Should().Be(1);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IPopupEvaluator>().Should().BeSameAs(provider.GetRequiredService<IPopupEvaluator>());
    }

    [Fact]
    public void Resolve_InvalidConfigurationWithoutHost_ThrowsListingEveryProblem()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(Stream("""
            { "ScreenPopup": { "Services": {
                "A": { "Script": "function popup( {" },
                "B": { "Chanels": ["phone"], "Script": "({})" },
                "C": { "Script": "({})", "ClientTarget": "tab" },
                "D": { "ScriptFile": "missing.js" } },
              "Sandbox": { "MaxStatements": 0 } } }
            """)).Build();
        var services = new ServiceCollection();
        services.AddScreenPopup(configuration.GetSection("ScreenPopup"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IPopupEvaluator>();

        var errors = act.Should().Throw<ScreenPopupConfigurationException>().Which.Errors;
        errors.Should().ContainMatch("ScreenPopup:Services:A: Script(1,*): error scriptSyntax:*");
        errors.Should().ContainMatch("ScreenPopup:Services:B: *Chanels*");
        errors.Should().ContainMatch("ScreenPopup:Services:C: *tab*");
        errors.Should().ContainMatch("ScreenPopup:Services:D:ScriptFile: cannot read *missing.js*");
        errors.Should().ContainMatch("ScreenPopup:Sandbox:MaxStatements: must be positive");
    }

    [Fact]
    public async Task StartHost_InvalidConfiguration_FailsStartListingEveryProblem()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonStream(Stream("""{ "ScreenPopup": { "Services": { "A": { "Script": "var = ;" }, "B": {} } } }"""));
        builder.Services.AddScreenPopup();
        using var host = builder.Build();

        var act = () => host.StartAsync(TestContext.Current.CancellationToken);

        var failures = (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Failures;
        failures.Should().HaveCount(2);
        failures.Should().ContainMatch("ScreenPopup:Services:A: Script(1,5): error scriptSyntax:*");
        failures.Should().ContainMatch("ScreenPopup:Services:B: the service has no script*");
    }

    private static MemoryStream Stream(string json) => new(System.Text.Encoding.UTF8.GetBytes(json));
}
