namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddScreenPopup</c>, for extensions that configure ScreenPopup further.</summary>
public interface IScreenPopupBuilder
{
    /// <summary>The service collection ScreenPopup is registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>The evaluator's name: empty for the default evaluator, else the key of the named one (<c>[FromKeyedServices(name)]</c>).</summary>
    string Name { get; }
}
