namespace ScreenPopup.Scripting;

/// <summary>
/// Runs a compiled popup script for one interaction in a pooled, hardened engine (<see cref="SandboxEngine"/>), so
/// nothing a script does (globals, top-level declarations, changes to built-ins) survives into another evaluation, and
/// every failure becomes an outcome.
/// </summary>
internal static class ScriptRunner
{
    private static readonly Lazy<bool> WarmedUp = new(RunWarmUp);

    /// <summary>
    /// Checks that the runtime can run the sandbox, then runs a representative script once per process, without a
    /// deadline, so that just-in-time compilation of the engine does not count against the first real evaluation's timeout.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">The runtime cannot enforce the memory limit (.NET Framework before 4.8).</exception>
    public static void WarmUp()
    {
        SandboxRuntime.EnsureSupported();
        _ = WarmedUp.Value;
    }

    private static bool RunWarmUp()
    {
        const string source = "var base = 'https://warm.up/';\n" +
                              "function popup(call) { var q = [call.CALL_CLI, CALL_POPUPINFO.join('|'), JSON.stringify({ a: 1 }), /x+/.test('xx')];\n" +
                              "  return { onAnswer: base + '?q=' + encodeURIComponent(q.join(',')), webClientOpenNewTab: true, webClientTabName: 'crm' }; }";
        var limits = SandboxLimits.Default with { Timeout = TimeSpan.FromMinutes(1) };
        return Run(new EnginePool(), PopupScript.Compile(source, "warm-up"), new CallVariables { Cli = "1", PopupInfo = ["a"] }, limits, CancellationToken.None).Definition is not null;
    }

    /// <summary>Runs the script under the limits in an engine of <paramref name="engines"/> and reads its popup definition.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ScriptOutcome Run(EnginePool engines, PopupScript script, CallVariables call, SandboxLimits limits, CancellationToken cancellationToken)
    {
        var engine = engines.Rent(limits);
        try
        {
            return engine.Run(script, call, limits, cancellationToken);
        }
        finally
        {
            engines.Return(engine);
        }
    }
}
