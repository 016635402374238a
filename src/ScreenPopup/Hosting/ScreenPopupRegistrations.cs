using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ScreenPopup.Hosting;

/// <summary>
/// The evaluators registered in one service collection, by name, and the configuration each is bound to: a second
/// registration of a name adds configuration to it (code, or the same section again), and binding it to another
/// section is an error, since two sections merged into one evaluator would serve neither as written.
/// </summary>
internal sealed class ScreenPopupRegistrations
{
    private readonly Dictionary<string, BindingSource?> _sources = new(StringComparer.Ordinal);

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

    /// <summary>The section the evaluator of that name is bound to, or <see langword="null"/> when it is configured in code only.</summary>
    public BindingSource? SourceOf(string name) => _sources.GetValueOrDefault(name);

    /// <summary>Records a registration; true the first time the name is registered.</summary>
    /// <param name="name">The evaluator's name (the default evaluator's is empty).</param>
    /// <param name="source">The configuration it is bound to; <see langword="null"/> for configuration in code.</param>
    /// <exception cref="InvalidOperationException">The name is already bound to a different section.</exception>
    public bool Add(string name, BindingSource? source)
    {
        if (!_sources.TryGetValue(name, out var existing))
        {
            _sources[name] = source;
            return true;
        }

        if (source is not null && existing is not null && !existing.IsSameAs(source))
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

/// <summary>
/// What an evaluator is bound to: a section path of the host's configuration (<see cref="Configuration"/> null), or a
/// configuration the caller passed. Two bindings are the same when their paths match (configuration keys ignore case)
/// and, for passed ones, they are the same object or hold the same keys and values now (two
/// <c>GetSection("ScreenPopup")</c> calls on one root give two objects).
/// </summary>
internal sealed record BindingSource(string Path, IConfiguration? Configuration)
{
    public bool IsSameAs(BindingSource other)
    {
        if (!string.Equals(Path, other.Path, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Configuration is null || other.Configuration is null || ReferenceEquals(Configuration, other.Configuration))
        {
            return true;
        }

        return Snapshot(Configuration).SequenceEqual(Snapshot(other.Configuration));
    }

    public override string ToString() => Configuration is null
        ? $"the host configuration's section '{Path}'"
        : Path.Length == 0 ? "a configuration root" : $"the section '{Path}'";

    private static IEnumerable<KeyValuePair<string, string?>> Snapshot(IConfiguration configuration) =>
        configuration.AsEnumerable(makePathsRelative: true).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase);
}
