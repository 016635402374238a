using Microsoft.Extensions.Configuration;

namespace ScreenPopup.Hosting;

/// <summary>
/// Reports a configuration file the host's configuration could not read again after it changed (invalid JSON saved
/// into <c>appsettings.json</c>, say): the configuration system itself reports it to nobody, and ScreenPopup, which keeps
/// serving its last good configuration, would then be silent about why an edit did not take effect. Hooks the
/// <see cref="FileConfigurationSource.OnLoadException"/> of the host's configuration files that hold the evaluator's
/// section (one tenant's broken file is not another tenant's problem), after whatever handler the host set (whose
/// decision to ignore the error or not stands), and takes the hooks off again when disposed.
/// </summary>
internal sealed class ConfigurationFileErrors : IDisposable
{
    private readonly List<(FileConfigurationSource Source, Action<FileLoadExceptionContext>? Previous)> _hooked = [];

    /// <param name="configuration">The host's configuration; only a root's file providers can be hooked.</param>
    /// <param name="sectionPath">The evaluator's section: files holding keys under it are hooked; <see langword="null"/> for none.</param>
    /// <param name="report">Called with the file's path and what is wrong with it.</param>
    public ConfigurationFileErrors(IConfiguration? configuration, string? sectionPath, Action<string, string> report)
    {
        if (configuration is not IConfigurationRoot root || sectionPath is null)
        {
            return;
        }

        foreach (var provider in root.Providers.OfType<FileConfigurationProvider>().Where(p => Holds(p, sectionPath)))
        {
            var source = provider.Source;
            var previous = source.OnLoadException;
            source.OnLoadException = context =>
            {
                previous?.Invoke(context);
                report(context.Provider.Source.Path ?? "a configuration file", Describe(context.Exception));
            };
            _hooked.Add((source, previous));
        }
    }

    public void Dispose()
    {
        foreach (var (source, previous) in _hooked)
        {
            source.OnLoadException = previous;
        }

        _hooked.Clear();
    }

    /// <summary>Whether the file provides any key of the section (the root's whole content, for an empty path).</summary>
    private static bool Holds(FileConfigurationProvider provider, string sectionPath) =>
        sectionPath.Length == 0 ? provider.GetChildKeys([], null).Any() : provider.GetChildKeys([], sectionPath).Any();

    private static string Describe(Exception exception) =>
        BoundedMessage.Of(exception.InnerException is { } inner ? $"{exception.Message} {inner.Message}" : exception.Message);
}
