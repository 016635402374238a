using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScreenPopup.Diagnostics;

namespace ScreenPopup.Hosting;

/// <summary>
/// Reports an evaluator's <see cref="ScreenPopupHealth"/>: Healthy; Degraded for a rejected change, a failing shared
/// store or a quarantined script (decisions go on); Unhealthy when the evaluator cannot be created (its configuration
/// is invalid). The data carries each part, for dashboards; never caller data or secrets.
/// </summary>
internal sealed class ScreenPopupHealthCheck(Func<IPopupEvaluator> evaluator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ScreenPopupHealth? health;
        try
        {
            health = evaluator() switch
            {
                ReloadingPopupEvaluator reloading => reloading.Health,
                PopupEvaluator plain => plain.Health,
                _ => null,
            };
        }
        catch (Exception e) when (e is ScreenPopupConfigurationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "the ScreenPopup configuration is invalid: no evaluator serves", e));
        }

        if (health is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("a ScreenPopup evaluator of another kind is registered; it reports no health"));
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["rejectedChange"] = health.RejectedChange ?? "",
            ["stateStoreFailing"] = health.StateStoreFailing,
            ["quarantinedServices"] = health.QuarantinedScripts.Select(q => q.Service).ToArray(),
        };
        if (health.IsHealthy)
        {
            return Task.FromResult(HealthCheckResult.Healthy("serving", data));
        }

        var problems = new List<string>();
        if (health.RejectedChange is { } rejected)
        {
            problems.Add($"a configuration change was rejected and the last good configuration is serving: {rejected}");
        }

        if (health.StateStoreFailing)
        {
            problems.Add("the shared state store fails: duplicate suppression works per instance until it is back");
        }

        foreach (var (service, until) in health.QuarantinedScripts)
        {
            problems.Add($"the script of service '{service}' is quarantined until {until.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC after repeated limit hits");
        }

        return Task.FromResult(HealthCheckResult.Degraded(string.Join("; ", problems), data: data));
    }
}
