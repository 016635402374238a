using Microsoft.Extensions.Options;

namespace ScreenPopup.Hosting;

/// <summary>
/// Validates <see cref="ScreenPopupOptions"/> by compiling them: every script file read, every script compiled, every
/// problem reported at once. Fails start-up (<c>ValidateOnStart</c>) and first use; after that, changes are judged by
/// the evaluator, which keeps the last good configuration serving. One per evaluator: the options of its name.
/// </summary>
internal sealed class ScreenPopupOptionsValidator(string evaluatorName, ConfigurationState state) : IValidateOptions<ScreenPopupOptions>
{
    public ValidateOptionsResult Validate(string? name, ScreenPopupOptions options)
    {
        if ((name ?? Options.DefaultName) != evaluatorName)
        {
            return ValidateOptionsResult.Skip;
        }

        var result = state.Compile(options);
        if (result.Errors.Count == 0 || state.IsServing)
        {
            return ValidateOptionsResult.Success;
        }

        state.LastFailure = result.Errors;
        return ValidateOptionsResult.Fail(result.Errors.Select(e => e.ToString()));
    }
}
