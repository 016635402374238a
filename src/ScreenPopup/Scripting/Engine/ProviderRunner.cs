using ScreenPopup.Placeholders;

namespace ScreenPopup.Scripting;

/// <summary>Runs a C# <see cref="IPopupProvider"/>: neutralised call data in, an outcome out, an exception turned into an error.</summary>
internal static class ProviderRunner
{
    public static ScriptOutcome Run(IPopupProvider provider, CallVariables call)
    {
        try
        {
            return ScriptOutcome.Succeeded(provider.GetPopup(CallerDataPlaceholders.Neutralize(call)) ?? PopupDefinition.Empty, []);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ScriptOutcome.Failed(PopupReason.ScriptRuntime, $"the popup provider {provider.GetType().Name} threw {e.GetType().Name}: {CallerDataPlaceholders.RestoreInText(e.Message)}", []);
        }
    }
}
