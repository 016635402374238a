namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddScreenPopup</c>, for extensions that configure ScreenPopup further.</summary>
public interface IScreenPopupBuilder
{
    /// <summary>The service collection ScreenPopup is registered in.</summary>
    IServiceCollection Services { get; }
}
