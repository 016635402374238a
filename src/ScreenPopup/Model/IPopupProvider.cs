namespace ScreenPopup;

/// <summary>
/// A service's popup logic written in C# instead of JavaScript (<see cref="PopupService.Provider"/>): it gets the call
/// variables and returns the popup definition a script would. It runs in the same pipeline (filters, placeholders,
/// URL check, presentation, duplicates), without a sandbox: it is the host's own code.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe. Call data that holds <c>{$</c> or <c>&lt;$</c> reaches a provider neutralised,
/// exactly as it reaches scripts, so it cannot become an agent placeholder. An exception becomes
/// <see cref="PopupReason.ScriptRuntime"/>; <see langword="null"/> means no popup.
/// </remarks>
public interface IPopupProvider
{
    /// <summary>Computes the popup for one interaction.</summary>
    /// <param name="variables">The call variables.</param>
    /// <returns>The popup definition, or <see langword="null"/> for none.</returns>
    PopupDefinition? GetPopup(CallVariables variables);
}
