using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ScreenPopup.Hosting;

/// <summary>
/// In a host, relative script and batch paths resolve against the content root (where <c>appsettings.json</c> and a
/// <c>popups/</c> folder beside it are), not the build output: a fresh host found no script unless it was copied there.
/// </summary>
internal sealed class ContentRootScriptBase(IServiceProvider services) : IPostConfigureOptions<ScreenPopupOptions>
{
    /// <inheritdoc />
    public void PostConfigure(string? name, ScreenPopupOptions options)
    {
        if (services.GetService(typeof(IHostEnvironment)) is IHostEnvironment { ContentRootPath: { Length: > 0 } contentRoot })
        {
            options.ScriptBaseDirectory = options.ScriptBaseDirectory is { } directory ? Path.GetFullPath(directory, contentRoot) : contentRoot;
        }
    }
}
