using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScreenPopup;
using ScreenPopup.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds ScreenPopup's health check to <c>AddHealthChecks()</c>.</summary>
public static class ScreenPopupHealthCheckBuilderExtensions
{
    /// <summary>
    /// Adds a check of the ScreenPopup evaluator: Healthy while it serves as configured; Degraded while a configuration
    /// change is rejected (the last good configuration serving), the shared state store fails, or a script is
    /// quarantined; <paramref name="failureStatus"/> (Unhealthy by default) when the configuration is invalid. Tagged
    /// <c>screenpopup</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="evaluatorName">A named evaluator's name (<c>AddScreenPopup(name, …)</c>); <see langword="null"/> for the default evaluator.</param>
    /// <param name="name">The check's name; <c>screenpopup</c>, or <c>screenpopup:</c> and the evaluator's name, by default.</param>
    /// <param name="failureStatus">The status when no evaluator can serve.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddScreenPopupHealthCheck(this IHealthChecksBuilder builder, string? evaluatorName = null, string? name = null, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var checkName = name ?? (string.IsNullOrEmpty(evaluatorName) ? "screenpopup" : $"screenpopup:{evaluatorName}");
        return builder.Add(new HealthCheckRegistration(
            checkName,
            provider => new ScreenPopupHealthCheck(() => string.IsNullOrEmpty(evaluatorName)
                ? provider.GetRequiredService<IPopupEvaluator>()
                : provider.GetRequiredKeyedService<IPopupEvaluator>(evaluatorName)),
            failureStatus,
            ["screenpopup"]));
    }
}
