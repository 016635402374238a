using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ScreenPopup;

namespace Snippets;

/// <summary>docs/hosting.md.</summary>
internal static class Hosting
{
    public static void Overloads(IServiceCollection services, IConfiguration configuration)
    {
        // begin-snippet: host-overloads
        services.AddScreenPopup();                                          // the "ScreenPopup" section of the host's IConfiguration
        services.AddScreenPopup("Cti:Popups");                              // another section of it
        services.AddScreenPopup(configuration.GetSection("ScreenPopup"));   // a section you pass
        services.AddScreenPopup(options =>                                  // in code
            options.Services["SUPPORT"] = new PopupService { ScriptFile = "popups/support.js" });
        services.AddScreenPopup("TenantA", configuration.GetSection("Tenants:A"));   // a named evaluator, one per tenant
        // end-snippet
    }

    public static void AllowReloadWithoutServices(HostApplicationBuilder builder)
    {
        // begin-snippet: host-allow-reload-without-services
        builder.Services.AddScreenPopup();
        // In code, so that it still holds when the "ScreenPopup" section itself is deleted:
        builder.Services.Configure<ScreenPopupOptions>(options => options.AllowReloadWithoutServices = true);
        // end-snippet
    }
}
