using Microsoft.Extensions.DependencyInjection;

namespace ScreenPopup.AspNetCore.Endpoints;

/// <summary>The evaluator a mapping asks: the default one, or the named one (<see cref="ScreenPopupEndpointOptions.EvaluatorName"/>).</summary>
internal sealed class EvaluatorSource(string? name)
{
    public IPopupEvaluator Get(IServiceProvider services) =>
        name is null ? services.GetRequiredService<IPopupEvaluator>() : services.GetRequiredKeyedService<IPopupEvaluator>(name);

    /// <summary>Fails at mapping time, not at the first call, when the evaluator was never added.</summary>
    public void EnsureRegistered(IServiceProvider services)
    {
        var registered = name is null
            ? services.GetService<IServiceProviderIsService>()?.IsService(typeof(IPopupEvaluator))
            : (services.GetService<IServiceProviderIsService>() as IServiceProviderIsKeyedService)?.IsKeyedService(typeof(IPopupEvaluator), name);
        if (registered == false)
        {
            throw new InvalidOperationException(name is null
                ? "MapScreenPopup needs ScreenPopup's evaluator: call builder.Services.AddScreenPopup(…) first."
                : $"MapScreenPopup needs the evaluator named '{name}': call builder.Services.AddScreenPopup(\"{name}\", …) first, or fix ScreenPopupEndpointOptions.EvaluatorName.");
        }
    }
}
