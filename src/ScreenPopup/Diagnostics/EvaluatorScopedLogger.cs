using Microsoft.Extensions.Logging;

namespace ScreenPopup.Diagnostics;

/// <summary>
/// A named evaluator's logger: every event it writes is inside a scope holding <c>screenpopup.evaluator</c>, so a host
/// with several tenants tells their events apart (providers that show scopes: the JSON console, OpenTelemetry). The scope
/// is opened only for an event that is written.
/// </summary>
internal sealed class EvaluatorScopedLogger(ILogger inner, string evaluatorName) : ILogger
{
    private readonly KeyValuePair<string, object?>[] _scope = [new(ScreenPopupTelemetry.Tags.Evaluator, evaluatorName)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        using (inner.BeginScope(_scope))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
