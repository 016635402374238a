using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace ScreenPopup.Tests;

/// <summary>Hot reload: good changes apply, bad ones are rejected and logged while the last good configuration serves.</summary>
public sealed class ConfigurationReloadTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _settingsFile;
    private readonly IConfigurationRoot _configuration;
    private readonly ServiceProvider _provider;

    public ConfigurationReloadTests()
    {
        _settingsFile = _directory.Write("appsettings.json", Settings("https://crm.example/v1"));
        _directory.Write("popups/support.js", Script("https://crm.example/file-v1"));
        _configuration = new ConfigurationBuilder().AddJsonFile(_settingsFile, optional: false, reloadOnChange: false).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        services.AddMetrics();
        services.AddSingleton<IConfiguration>(_configuration);
        services.AddScreenPopup(_configuration.GetSection("ScreenPopup"));
        services.PostConfigure<ScreenPopupOptions>(RelaxedFor(_directory));
        _provider = services.BuildServiceProvider();
    }

    private IPopupEvaluator Evaluator => _provider.GetRequiredService<IPopupEvaluator>();

    public void Dispose()
    {
        _provider.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Reload_GoodChange_IsApplied()
    {
        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1");

        Rewrite(Settings("https://crm.example/v2"));

        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v2");
        Logs().Should().Contain(r => r.Id.Id == ScreenPopupTelemetry.EventIds.ReloadApplied && r.Level == LogLevel.Information);
    }

    [Fact]
    public void Reload_BadChange_IsRejectedAndLastGoodKeepsServing()
    {
        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1");

        var reload = () => Rewrite(Settings("https://crm.example/v2").Replace("({ onAnswer", "({ onAnswer: ;", StringComparison.Ordinal));

        reload.Should().NotThrow("a bad edit must never throw into the host's reload");
        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1");
        var rejected = Logs().Should().ContainSingle(r => r.Id.Id == ScreenPopupTelemetry.EventIds.ReloadRejected).Subject;
        rejected.Level.Should().Be(LogLevel.Error);
        rejected.Message.Should().Contain("ScreenPopup:Services:SUPPORT: Script(1,").And.Contain("scriptSyntax");

        Rewrite(Settings("https://crm.example/v3"));
        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v3", "a later good change applies again");
    }

    [Fact]
    public void Reload_InvalidJsonSaved_IsLoggedAndLastGoodKeepsServing()
    {
        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1");

        var reload = () => Rewrite("{ \"ScreenPopup\": { \"Services\": { \"SUPPORT\": ");

        reload.Should().Throw<InvalidDataException>("the configuration system throws to whoever reloads (a host's file watcher swallows it)");
        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1");
        Logs().Should().ContainSingle(r => r.Id.Id == ScreenPopupTelemetry.EventIds.ReloadRejected)
            .Which.Message.Should().Contain("appsettings.json changed and could not be read").And.Contain("last good configuration keeps serving");
    }

    [Theory]
    [InlineData("{ }")]
    [InlineData("{ \"ScreenPopup\": { } }")]
    [InlineData("{ \"ScreenPopup\": { \"Services\": { } } }")]
    public void Reload_RemovingEveryService_IsRejectedUnlessTheHostAllowsIt(string settings)
    {
        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1");

        Rewrite(settings);

        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1", "an emptied section is taken for a mistake");
        Logs().Should().ContainSingle(r => r.Id.Id == ScreenPopupTelemetry.EventIds.ReloadRejected)
            .Which.Message.Should().Contain("removes every service (FILE, SUPPORT)").And.Contain("AllowReloadWithoutServices");

        using var allowing = Provider(services => services.PostConfigure<ScreenPopupOptions>(o => o.AllowReloadWithoutServices = true));
        Rewrite(Settings("https://crm.example/v1"));
        allowing.GetRequiredService<IPopupEvaluator>().Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1");
        Rewrite(settings);
        allowing.GetRequiredService<IPopupEvaluator>().Evaluate(Request("SUPPORT")).Reason.Should().Be(PopupReason.ServiceUnknown, "the host opted in");
    }

    [Fact]
    public void Reload_RemovingMoreServicesThanAllowed_IsRejected()
    {
        using var limited = Provider(services => services.PostConfigure<ScreenPopupOptions>(o => o.MaxServicesRemovedByReload = 1));
        var evaluator = limited.GetRequiredService<IPopupEvaluator>();
        Rewrite(Settings("https://crm.example/v1").Replace("\"FILE\"", "\"OTHER\": { \"Script\": \"({ onAnswer: 'https://o.example/' })\" }, \"FILE\"", StringComparison.Ordinal));
        evaluator.Evaluate(Request("OTHER")).Url.Should().Be("https://o.example/");

        Rewrite("{ \"ScreenPopup\": { \"Services\": { \"SUPPORT\": { \"Script\": \"({ onAnswer: 'https://crm.example/v2' })\" } } } }");

        evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1");
        limited.GetFakeLogCollector().GetSnapshot().Should().ContainSingle(r => r.Id.Id == ScreenPopupTelemetry.EventIds.ReloadRejected)
            .Which.Message.Should().Contain("removes 2 services (FILE, OTHER), more than MaxServicesRemovedByReload (1)");

        Rewrite(Settings("https://crm.example/v3"));
        evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v3", "removing one service at a time is within the limit");
    }

    [Fact]
    public void Reload_DisablingAServiceWithoutItsScript_IsApplied()
    {
        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1");

        Rewrite("{ \"ScreenPopup\": { \"Services\": { \"SUPPORT\": { \"Enabled\": false }, \"FILE\": { \"Enabled\": false, \"Script\": \"({ broken\" } } } }");

        Logs().Should().NotContain(r => r.Id.Id == ScreenPopupTelemetry.EventIds.ReloadRejected);
        Evaluator.Evaluate(Request("SUPPORT")).Reason.Should().Be(PopupReason.ServiceDisabled);
        Evaluator.Evaluate(Request("FILE")).Reason.Should().Be(PopupReason.ServiceDisabled, "nothing of a disabled service runs, so its broken script can be switched off");
    }

    [Fact]
    public void Reload_UnknownKey_IsRejectedWithItsPath()
    {
        Evaluator.Evaluate(Request("SUPPORT"));

        Rewrite(Settings("https://crm.example/v2").Replace("\"Enabled\"", "\"Enabeld\"", StringComparison.Ordinal));

        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1");
        Logs().Should().ContainSingle(r => r.Id.Id == ScreenPopupTelemetry.EventIds.ReloadRejected)
            .Which.Message.Should().Contain("ScreenPopup:Services:SUPPORT: ").And.Contain("Enabeld");
    }

    [Fact]
    public async Task Reload_WhileManyThreadsEvaluate_EveryDecisionIsFromAGoodConfiguration()
    {
        using var stop = new CancellationTokenSource();
        var bad = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var evaluations = 0;
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var mine = 0;
            while (!stop.IsCancellationRequested || mine < 20)
            {
                mine++;
                var decision = Evaluator.Evaluate(Request("SUPPORT"));
                Interlocked.Increment(ref evaluations);
                if (decision.Action != PopupAction.Open || !decision.Url!.StartsWith("https://crm.example/v", StringComparison.Ordinal))
                {
                    bad.Enqueue($"{decision.Action} {decision.Reason} {decision.Url} {decision.Message}");
                }
            }
        })).ToArray();

        while (Volatile.Read(ref evaluations) < 20)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        for (var i = 2; i < 12; i++)
        {
            Rewrite(i % 2 == 0 ? Settings($"https://crm.example/v{i}") : "{ \"ScreenPopup\": { \"Services\": { \"SUPPORT\": { \"Script\": \"}\" } } } }");
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        bad.Should().BeEmpty();
        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v10");
    }

    [Fact]
    public void Reload_EvaluationStartedBefore_FinishesOnItsConfiguration()
    {
        var before = ((ReloadingPopupEvaluator)Evaluator).Current;

        Rewrite(Settings("https://crm.example/v2"));

        before.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v1");
        Evaluator.Evaluate(Request("SUPPORT")).Url.Should().Be("https://crm.example/v2");
    }

    [Fact]
    public async Task Reload_ScriptFileEdited_TakesEffectWithoutRestart()
    {
        Evaluator.Evaluate(Request("FILE")).Url.Should().Be("https://crm.example/file-v1");

        _directory.Write("popups/support.js", Script("https://crm.example/file-v2"));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? url;
        do
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            url = Evaluator.Evaluate(Request("FILE")).Url;
        }
        while (url != "https://crm.example/file-v2" && DateTime.UtcNow < deadline);

        url.Should().Be("https://crm.example/file-v2");
    }

    [Fact]
    public async Task Reload_ScriptFileBroken_KeepsLastGoodScript()
    {
        Evaluator.Evaluate(Request("FILE")).Url.Should().Be("https://crm.example/file-v1");

        _directory.Write("popups/support.js", "function popup( {");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Logs().Any(r => r.Id.Id == ScreenPopupTelemetry.EventIds.ReloadRejected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Logs().Should().Contain(r => r.Id.Id == ScreenPopupTelemetry.EventIds.ReloadRejected && r.Message.Contains("popups/support.js(1,", StringComparison.Ordinal));
        Evaluator.Evaluate(Request("FILE")).Url.Should().Be("https://crm.example/file-v1");
    }

    [Fact]
    public void Reload_IsCountedInMetrics()
    {
        using var reloads = new MetricCollector<long>(_provider.GetRequiredService<IMeterFactory>(), ScreenPopupTelemetry.MeterName, ScreenPopupTelemetry.ReloadsCounter);
        Evaluator.Evaluate(Request("SUPPORT"));

        Rewrite(Settings("https://crm.example/v2"));
        Rewrite("{ \"ScreenPopup\": { \"Services\": { \"SUPPORT\": {} } } }");

        reloads.GetMeasurementSnapshot().Select(m => m.Tags[ScreenPopupTelemetry.Tags.Outcome]).Should().Equal("applied", "rejected");
    }

    /// <summary>
    /// Scripts from <paramref name="directory"/>, and a timeout out of the way: these tests reload while threads evaluate
    /// on a shared machine, and a thread descheduled for 100 ms must not turn a good decision into a timeout.
    /// </summary>
    private static Action<ScreenPopupOptions> RelaxedFor(TempDirectory directory) => o =>
    {
        o.ScriptBaseDirectory = directory.Path;
        o.Sandbox.Timeout = TestEvaluators.RelaxedSandbox().Timeout;
    };

    private static string Settings(string supportUrl) => $$"""
        { "ScreenPopup": { "Services": {
            "SUPPORT": { "Enabled": true, "Script": "({ onAnswer: '{{supportUrl}}' })" },
            "FILE": { "ScriptFile": "popups/support.js" } } } }
        """;

    private static string Script(string url) => $"function popup(call) {{ return {{ onAnswer: '{url}' }}; }}";

    private static PopupRequest Request(string service) => TestEvaluators.Request(service: service);

    private void Rewrite(string settings)
    {
        File.WriteAllText(_settingsFile, settings);
        _configuration.Reload();
    }

    /// <summary>Another container over the same configuration file, configured further by <paramref name="configure"/>.</summary>
    private ServiceProvider Provider(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        services.AddScreenPopup(_configuration.GetSection("ScreenPopup"));
        services.PostConfigure<ScreenPopupOptions>(RelaxedFor(_directory));
        configure(services);
        return services.BuildServiceProvider();
    }

    private IReadOnlyList<Microsoft.Extensions.Logging.Testing.FakeLogRecord> Logs() => _provider.GetFakeLogCollector().GetSnapshot();
}
