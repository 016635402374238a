using Microsoft.Extensions.Hosting;

namespace ScreenPopup.Hosting;

/// <summary>
/// Creates the evaluator when the host starts (after the options were validated), not at its first use. Until an
/// evaluator serves, nothing keeps the last good configuration: a broken edit of <c>appsettings.json</c> before the
/// first popup failed validation inside the configuration's change notification, an exception on the thread that
/// reloads the file; and the first popup after it found no configuration to serve.
/// </summary>
internal sealed class EvaluatorStartup(Func<IPopupEvaluator> resolve) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = resolve();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
