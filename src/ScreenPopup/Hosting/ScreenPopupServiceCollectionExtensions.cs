using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
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
/// <see cref="ILoggerFactory"/> or <see cref="IMeterFactory"/> in the container is used, and an
/// <see cref="IPopupStateStore"/> for the default evaluator (<see cref="UseStateStore"/> sets one per evaluator).
/// A multi-tenant host registers one named evaluator per configuration (<c>AddScreenPopup(name, …)</c>) and resolves
/// each as a keyed service, <c>[FromKeyedServices("TenantA")] IPopupEvaluator</c>: each has its own options, reload,
/// duplicate state and engines. Registering the same evaluator again adds configuration to it; binding it to a second,
/// different configuration section is an error, not a merge.
/// </remarks>
public static class ScreenPopupServiceCollectionExtensions
{
    /// <summary>The default evaluator's name: the options' default name.</summary>
    private static readonly string DefaultName = Microsoft.Extensions.Options.Options.DefaultName;

    /// <summary>Registers ScreenPopup configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>A builder for further configuration.</returns>
    public static IScreenPopupBuilder AddScreenPopup(this IServiceCollection services, Action<ScreenPopupOptions> configure) =>
        services.AddScreenPopup(DefaultName, configure);

    /// <summary>Registers ScreenPopup bound to a configuration section (usually <c>configuration.GetSection("ScreenPopup")</c>); reloads with it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section holding <c>Services</c>, <c>Sandbox</c>, ….</param>
    /// <returns>A builder for further configuration.</returns>
    /// <exception cref="InvalidOperationException">ScreenPopup is already bound to another section.</exception>
    public static IScreenPopupBuilder AddScreenPopup(this IServiceCollection services, IConfiguration section) =>
        services.AddScreenPopup(DefaultName, section);

    /// <summary>Registers ScreenPopup bound to the <c>ScreenPopup</c> section of the host's <see cref="IConfiguration"/>; reloads with it.</summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder for further configuration.</returns>
    /// <exception cref="InvalidOperationException">ScreenPopup is already bound to another section.</exception>
    public static IScreenPopupBuilder AddScreenPopup(this IServiceCollection services) => services.AddScreenPopup(ScreenPopupOptions.SectionName);

    /// <summary>
    /// Registers ScreenPopup bound to a section of the host's <see cref="IConfiguration"/>; reloads with it. The string is
    /// a section path, not an evaluator name: for several configurations, use <see cref="AddScreenPopup(IServiceCollection, string, IConfiguration)"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="sectionPath">The section's path, such as <c>ScreenPopup</c> or <c>Cti:Popups</c>.</param>
    /// <returns>A builder for further configuration.</returns>
    /// <exception cref="InvalidOperationException">ScreenPopup is already bound to another section.</exception>
    public static IScreenPopupBuilder AddScreenPopup(this IServiceCollection services, string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(sectionPath);
        var builder = AddCore(services, DefaultName, new BindingSource(sectionPath, Configuration: null));
        services.AddOptions<ScreenPopupOptions>().Configure<IConfiguration>((options, configuration) => ConfigurationBinding.Bind(configuration.GetSection(sectionPath), options));
        services.AddSingleton<IOptionsChangeTokenSource<ScreenPopupOptions>>(provider =>
            new ConfigurationChangeTokenSource<ScreenPopupOptions>(DefaultName, provider.GetRequiredService<IConfiguration>().GetSection(sectionPath)));
        return builder;
    }

    /// <summary>
    /// Registers a named evaluator bound to a configuration section, resolved as the keyed service
    /// <c>[FromKeyedServices(name)] IPopupEvaluator</c>; it reloads with its section and has its own duplicate state and engines.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The evaluator's name, such as a tenant's: the key it is resolved with.</param>
    /// <param name="section">Its section, such as <c>configuration.GetSection("Tenants:A:ScreenPopup")</c>.</param>
    /// <returns>A builder for the named evaluator (its state store: <see cref="UseStateStore"/>, <c>UseDistributedState</c>, …).</returns>
    /// <exception cref="InvalidOperationException">The name is already bound to another section.</exception>
    public static IScreenPopupBuilder AddScreenPopup(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(section);
        var builder = AddCore(services, name, new BindingSource(section is IConfigurationSection { Path: var path } ? path : "", section));
        services.AddOptions<ScreenPopupOptions>(name).Configure(options => ConfigurationBinding.Bind(section, options));
        services.AddSingleton<IOptionsChangeTokenSource<ScreenPopupOptions>>(new ConfigurationChangeTokenSource<ScreenPopupOptions>(name, section));
        return builder;
    }

    /// <summary>Registers a named evaluator configured in code, resolved as the keyed service <c>[FromKeyedServices(name)] IPopupEvaluator</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The evaluator's name: the key it is resolved with.</param>
    /// <param name="configure">Configures its options.</param>
    /// <returns>A builder for the named evaluator.</returns>
    public static IScreenPopupBuilder AddScreenPopup(this IServiceCollection services, string name, Action<ScreenPopupOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = AddCore(services, name, source: null);
        services.Configure(name, configure);
        return builder;
    }

    /// <summary>
    /// Gives this evaluator a state store for duplicate suppression and tracked tabs (a store failure never fails a
    /// decision). A named evaluator's keys are prefixed with its name, so tenants can share one store without one
    /// tenant's popup suppressing another's.
    /// </summary>
    /// <param name="builder">The ScreenPopup builder.</param>
    /// <param name="create">Creates the store from the container.</param>
    /// <returns>The builder.</returns>
    public static IScreenPopupBuilder UseStateStore(this IScreenPopupBuilder builder, Func<IServiceProvider, IPopupStateStore> create)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(create);
        if (builder.Name == DefaultName)
        {
            builder.Services.AddSingleton(create);
        }
        else
        {
            builder.Services.AddKeyedSingleton(builder.Name, (provider, _) => create(provider));
        }

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
    public static IScreenPopupBuilder UseDistributedState(this IScreenPopupBuilder builder) =>
        builder.UseStateStore(provider => new DistributedCachePopupStateStore(provider.GetRequiredService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>()));

    private static ScreenPopupBuilder AddCore(IServiceCollection services, string name, BindingSource? source)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registrations = ScreenPopupRegistrations.Of(services);
        if (!registrations.Add(name, source))
        {
            return new ScreenPopupBuilder(services, name);
        }

        services.AddOptions<ScreenPopupOptions>(name).ValidateOnStart();
        if (name != DefaultName)
        {
            // Problems name the tenant: its section's path when bound, else this.
            services.PostConfigure<ScreenPopupOptions>(name, options => options.ConfigurationPath ??= $"{ScreenPopupOptions.SectionName}[{name}]");
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ScreenPopupOptions>, ContentRootScriptBase>());
        services.AddKeyedSingleton<ConfigurationState>(name);
        services.AddSingleton<IValidateOptions<ScreenPopupOptions>>(provider => new ScreenPopupOptionsValidator(name, provider.GetRequiredKeyedService<ConfigurationState>(name)));
        services.TryAddSingleton(TimeProvider.System);
        if (name == DefaultName)
        {
            services.AddSingleton<IPopupEvaluator>(provider => CreateEvaluator(provider, name, registrations.SourceOf(name)));
            services.AddSingleton<IHostedService>(provider => new EvaluatorStartup(provider.GetRequiredService<IPopupEvaluator>));
        }
        else
        {
            services.AddKeyedSingleton<IPopupEvaluator>(name, (provider, _) => CreateEvaluator(provider, name, registrations.SourceOf(name)));
            services.AddSingleton<IHostedService>(provider => new EvaluatorStartup(() => provider.GetRequiredKeyedService<IPopupEvaluator>(name)));
        }

        return new ScreenPopupBuilder(services, name);
    }

    /// <summary>The evaluator; the configuration files it watches for load errors are those holding its section (none for code).</summary>
    private static ReloadingPopupEvaluator CreateEvaluator(IServiceProvider provider, string name, BindingSource? source)
    {
        var store = name == DefaultName
            ? provider.GetService<IPopupStateStore>()
            : provider.GetKeyedService<IPopupStateStore>(name) is { } keyed ? new NamespacedPopupStateStore(name, keyed) : null;
        return new ReloadingPopupEvaluator(name, provider.GetRequiredService<IOptionsMonitor<ScreenPopupOptions>>(), provider.GetRequiredKeyedService<ConfigurationState>(name),
            options => new PopupRuntime(
                provider.GetService<ILoggerFactory>(),
                provider.GetService<IMeterFactory>(),
                provider.GetRequiredService<TimeProvider>(),
                store,
                options.DuplicateSuppression.MaxEntries,
                name == DefaultName ? null : name),
            provider.GetService<IConfiguration>(),
            source?.Path);
    }

    private sealed record ScreenPopupBuilder(IServiceCollection Services, string Name) : IScreenPopupBuilder;
}
