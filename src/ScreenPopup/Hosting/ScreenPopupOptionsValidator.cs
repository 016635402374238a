using Microsoft.Extensions.Options;

namespace ScreenPopup.Hosting;

/// <summary>
/// Validates <see cref="ScreenPopupOptions"/> by compiling them: every script file read, every script compiled, every
/// problem reported at once. Fails start-up (<c>ValidateOnStart</c>) and first use; after that, changes are judged by
/// the evaluator, which keeps the last good configuration serving.
/// </summary>
internal sealed class ScreenPopupOptionsValidator(ConfigurationState state) : IValidateOptions<ScreenPopupOptions>
{
    public ValidateOptionsResult Validate(string? name, ScreenPopupOptions options)
    {
        if (name is not null && name != Options.DefaultName)
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
