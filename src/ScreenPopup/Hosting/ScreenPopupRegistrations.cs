using Microsoft.Extensions.DependencyInjection;

namespace ScreenPopup.Hosting;

/// <summary>
/// The evaluators registered in one service collection, by name, and the configuration section each is bound to: a
/// second registration of a name adds configuration to it (code), and binding it to another section is an error,
/// since two sections merged into one evaluator would serve neither as written.
/// </summary>
internal sealed class ScreenPopupRegistrations
{
    private readonly Dictionary<string, string?> _sources = new(StringComparer.Ordinal);

    /// <summary>The record kept in <paramref name="services"/> (added on first use).</summary>
    public static ScreenPopupRegistrations Of(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(ScreenPopupRegistrations))?.ImplementationInstance is ScreenPopupRegistrations existing)
        {
            return existing;
        }

        var registrations = new ScreenPopupRegistrations();
        services.AddSingleton(registrations);
        return registrations;
    }

    /// <summary>Records a registration; true the first time the name is registered.</summary>
    /// <param name="name">The evaluator's name (the default evaluator's is empty).</param>
    /// <param name="source">The configuration section it is bound to, described; <see langword="null"/> for configuration in code.</param>
    /// <exception cref="InvalidOperationException">The name is already bound to a different section.</exception>
    public bool Add(string name, string? source)
    {
        if (!_sources.TryGetValue(name, out var existing))
        {
            _sources[name] = source;
            return true;
        }

        if (source is not null && existing is not null && existing != source)
        {
            var which = name.Length == 0 ? "The ScreenPopup evaluator" : $"The ScreenPopup evaluator '{name}'";
            throw new InvalidOperationException(
                $"{which} is already bound to {existing}; binding it to {source} as well would merge the two into one evaluator. " +
                "For one evaluator per configuration (a tenant each), register each under its own name with AddScreenPopup(name, section) " +
                "and resolve it with [FromKeyedServices(name)] IPopupEvaluator.");
        }

        _sources[name] = existing ?? source;
        return false;
    }
}
