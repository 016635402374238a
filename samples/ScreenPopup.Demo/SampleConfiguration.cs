using Microsoft.Extensions.Configuration;

namespace ScreenPopup.Demo;

/// <summary>
/// The built-in sample configuration (samples/shared/sample-configuration.json, shared with the CLI's simulate):
/// three services, one of them with a script bug.
/// </summary>
internal static class SampleConfiguration
{
    public static ScreenPopupOptions Create()
    {
        using var stream = typeof(SampleConfiguration).Assembly.GetManifestResourceStream("sample-configuration.json")!;
        return ScreenPopupOptions.Bind(new ConfigurationBuilder().AddJsonStream(stream).Build().GetSection(ScreenPopupOptions.SectionName));
    }
}
