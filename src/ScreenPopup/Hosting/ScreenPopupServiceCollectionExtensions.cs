using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScreenPopup;
using ScreenPopup.Duplicates;
using ScreenPopup.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ScreenPopup in a dependency-injection container.</summary>
/// <remarks>
/// Registers <see cref="IPopupEvaluator"/> as a singleton that reloads when the options or a script file change,
/// validation of <see cref="ScreenPopupOptions"/> at start-up (<c>ValidateOnStart</c>: a host with a bad configuration
/// does not start; without a host, resolving the evaluator throws <see cref="ScreenPopupConfigurationException"/>),
/// and <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is registered. An
/// <see cref="IPopupStateStore"/>, <see cref="ILoggerFactory"/> or <see cref="IMeterFactory"/> in the container is used.
/// Registrations use <c>TryAdd</c>, so calling this twice is harmless.
/// </remarks>
public static class ScreenPopupServiceCollectionExtensions
{
    /// <summary>Registers ScreenPopup configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>A builder for further configuration.</returns>
    public static IScreenPopupBuilder AddScreenPopup(this IServiceCollection services, Action<ScreenPopupOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = AddCore(services);
        services.Configure(configure);
        return builder;
    }

    /// <summary>Registers ScreenPopup bound to a configuration section (usually <c>configuration.GetSection("ScreenPopup")</c>); reloads with it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section holding <c>Services</c>, <c>Sandbox</c>, ….</param>
    /// <returns>A builder for further configuration.</returns>
    public static IScreenPopupBuilder AddScreenPopup(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var builder = AddCore(services);
        services.AddOptions<ScreenPopupOptions>().Configure(options => ConfigurationBinding.Bind(section, options));
        services.AddSingleton<IOptionsChangeTokenSource<ScreenPopupOptions>>(new ConfigurationChangeTokenSource<ScreenPopupOptions>(section));
        return builder;
    }

    /// <summary>Registers ScreenPopup bound to the <c>ScreenPopup</c> section of the host's <see cref="IConfiguration"/>; reloads with it.</summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder for further configuration.</returns>
    public static IScreenPopupBuilder AddScreenPopup(this IServiceCollection services) => services.AddScreenPopup(ScreenPopupOptions.SectionName);

    /// <summary>Registers ScreenPopup bound to a section of the host's <see cref="IConfiguration"/>; reloads with it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="sectionPath">The section's path, such as <c>ScreenPopup</c> or <c>Cti:Popups</c>.</param>
    /// <returns>A builder for further configuration.</returns>
    public static IScreenPopupBuilder AddScreenPopup(this IServiceCollection services, string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(sectionPath);
        var builder = AddCore(services);
        services.AddOptions<ScreenPopupOptions>().Configure<IConfiguration>((options, configuration) => ConfigurationBinding.Bind(configuration.GetSection(sectionPath), options));
        services.AddSingleton<IOptionsChangeTokenSource<ScreenPopupOptions>>(provider =>
            new ConfigurationChangeTokenSource<ScreenPopupOptions>(Microsoft.Extensions.Options.Options.DefaultName, provider.GetRequiredService<IConfiguration>().GetSection(sectionPath)));
        return builder;
    }

    /// <summary>
    /// Shares duplicate suppression (and tracked tabs) between host instances through the container's
    /// <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> (register one, such as
    /// <c>AddStackExchangeRedisCache</c> or <c>AddDistributedSqlServerCache</c>). See
    /// <see cref="DistributedCachePopupStateStore"/> for its guarantee; a store failure never fails a decision.
    /// </summary>
    /// <param name="builder">The ScreenPopup builder.</param>
    /// <returns>The builder.</returns>
    public static IScreenPopupBuilder UseDistributedState(this IScreenPopupBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IPopupStateStore>(provider =>
            new DistributedCachePopupStateStore(provider.GetRequiredService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>()));
        return builder;
    }

    private static ScreenPopupBuilder AddCore(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ScreenPopupOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScreenPopupOptions>, ScreenPopupOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ScreenPopupOptions>, ContentRootScriptBase>());
        services.TryAddSingleton<ConfigurationState>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPopupEvaluator>(provider =>
        {
            var monitor = provider.GetRequiredService<IOptionsMonitor<ScreenPopupOptions>>();
            return new ReloadingPopupEvaluator(monitor, provider.GetRequiredService<ConfigurationState>(), options => new PopupRuntime(
                provider.GetService<ILoggerFactory>(),
                provider.GetService<IMeterFactory>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<IPopupStateStore>(),
                options.DuplicateSuppression.MaxEntries), provider.GetService<IConfiguration>());
        });
        return new ScreenPopupBuilder(services);
    }

    private sealed record ScreenPopupBuilder(IServiceCollection Services) : IScreenPopupBuilder;
}
