using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace ScreenPopup;

/// <summary>
/// Binds the <c>ScreenPopup</c> section strictly (an unknown key such as <c>Chanels</c> is an error, not silently
/// ignored) without ever throwing: each part is bound on its own, and every problem is recorded on the options with its
/// configuration path and reported by validation together with the others. A bad edit is then rejected instead of
/// breaking the options pipeline.
/// </summary>
internal static class ConfigurationBinding
{
    private static readonly Action<BinderOptions> Strict = binder => binder.ErrorOnUnknownConfiguration = true;

    public static void Bind(IConfiguration section, ScreenPopupOptions options)
    {
        if (section is IConfigurationSection { Path: { Length: > 0 } path })
        {
            options.ConfigurationPath = path;
        }

        foreach (var child in section.GetChildren())
        {
            try
            {
                BindChild(child, options);
            }
            catch (InvalidOperationException e)
            {
                options.BindingErrors.Add(new ConfigurationProblem { Path = child.Path, Message = BindingErrorDescription.Describe(e, TargetOf(child.Key)) });
            }
        }
    }

    private static void BindChild(IConfigurationSection child, ScreenPopupOptions options)
    {
        switch (child.Key.ToUpperInvariant())
        {
            case "SERVICES":
                BindServices(child, options);
                break;
            case "SANDBOX":
                child.Bind(options.Sandbox, Strict);
                break;
            case "DUPLICATESUPPRESSION":
                child.Bind(options.DuplicateSuppression, Strict);
                break;
            case "LEGACY":
                child.Bind(options.Legacy, Strict);
                break;
            case "ALLOWEDSCHEMES":
                options.AllowedSchemes = child.Get<List<string>>(Strict) ?? [];
                break;
            case "DEFAULTSERVICE":
                options.DefaultService = child.Value;
                break;
            case "SCRIPTBASEDIRECTORY":
                options.ScriptBaseDirectory = child.Value;
                break;
            case "TRACKOPENTABS":
                options.TrackOpenTabs = child.Get<bool>(Strict);
                break;
            case "ALLOWSECRETSOVERHTTP":
                options.AllowSecretsOverHttp = child.Get<bool>(Strict);
                break;
            case "ALLOWRELOADWITHOUTSERVICES":
                options.AllowReloadWithoutServices = child.Get<bool>(Strict);
                break;
            case "MAXSERVICESREMOVEDBYRELOAD":
                options.MaxServicesRemovedByReload = child.Get<int?>(Strict);
                break;
            default:
                options.BindingErrors.Add(new ConfigurationProblem { Path = child.Path, Message = $"'{child.Key}' is not a ScreenPopup setting (known: Services, DefaultService, Sandbox, DuplicateSuppression, Legacy, AllowedSchemes, AllowSecretsOverHttp, ScriptBaseDirectory, TrackOpenTabs, AllowReloadWithoutServices, MaxServicesRemovedByReload)" });
                break;
        }
    }

    /// <summary>Binds each service alone, so one service's mistake neither hides another's nor leaves a half-bound service in place.</summary>
    private static void BindServices(IConfigurationSection services, ScreenPopupOptions options)
    {
        foreach (var serviceSection in services.GetChildren())
        {
            var service = new PopupService();
            try
            {
                serviceSection.Bind(service, Strict);
                options.Services[serviceSection.Key] = service;
            }
            catch (InvalidOperationException e)
            {
                options.BindingErrors.Add(new ConfigurationProblem { Path = serviceSection.Path, Message = BindingErrorDescription.Describe(e, typeof(PopupService)) });
            }
        }
    }

    /// <summary>The type a top-level setting binds to: its own options type, or the options themselves for a single value.</summary>
    [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
    private static Type TargetOf(string key) => key.ToUpperInvariant() switch
    {
        "SANDBOX" => typeof(SandboxOptions),
        "DUPLICATESUPPRESSION" => typeof(DuplicateSuppressionOptions),
        "LEGACY" => typeof(LegacyBatchOptions),
        _ => typeof(ScreenPopupOptions),
    };
}
