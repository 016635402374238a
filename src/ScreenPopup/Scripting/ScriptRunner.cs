using System.Text.RegularExpressions;
using Acornima;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;

namespace ScreenPopup;

/// <summary>
/// Runs a compiled popup script for one interaction in a fresh engine, so nothing a script does (globals, changed
/// built-ins, prototype pollution) survives into another evaluation, and every failure becomes an outcome.
/// </summary>
internal static class ScriptRunner
{
    private static readonly Lazy<bool> WarmedUp = new(RunWarmUp);

    /// <summary>
    /// Runs a representative script once per process, without a deadline, so that just-in-time compilation of the
    /// engine does not count against the first real evaluation's timeout.
    /// </summary>
    public static void WarmUp() => _ = WarmedUp.Value;

    private static bool RunWarmUp()
    {
        const string source = "var base = 'https://warm.up/';\n" +
                              "function popup(call) { var q = [call.CALL_CLI, CALL_POPUPINFO.join('|'), JSON.stringify({ a: 1 }), /x+/.test('xx')];\n" +
                              "  return { onAnswer: base + '?q=' + encodeURIComponent(q.join(',')), webClientOpenNewTab: true, webClientTabName: 'crm' }; }";
        var limits = new SandboxOptions { Timeout = TimeSpan.FromMinutes(1) };
        return Run(PopupScript.Compile(source, "warm-up"), new CallVariables { Cli = "1", PopupInfo = ["a"] }, limits, CancellationToken.None).Definition is not null;
    }

    /// <summary>Runs the script under the limits and reads its popup definition.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ScriptOutcome Run(PopupScript script, CallVariables call, SandboxOptions limits, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.Timeout);
        using var engine = ScriptSandbox.CreateEngine(limits, deadline.Token);
        try
        {
            SandboxHardening.Apply(engine, limits);
            var bindingDiagnostics = new List<PopupDiagnostic>();
            var callObject = CallBinding.Bind(engine, call, limits, bindingDiagnostics);
            var completion = engine.Evaluate(script.Prepared);
            JsValue result;
            switch (completion)
            {
                case Function function:
                    result = engine.Invoke(function, callObject);
                    break;
                case JsObject:
                    result = completion;
                    break;
                default:
                    if (script.EntryFunction is not { } name || engine.GetValue(name) is not Function entry)
                    {
                        return ScriptOutcome.Failed(PopupReason.ScriptSyntax, script.DescribeMissingEntryFunction(), bindingDiagnostics);
                    }

                    result = engine.Invoke(entry, callObject);
                    break;
            }

            var outcome = ResultReader.Read(engine, result);
            return bindingDiagnostics.Count == 0 ? outcome : outcome with { Diagnostics = [.. bindingDiagnostics, .. outcome.Diagnostics] };
        }
        catch (ExecutionCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The popup evaluation was cancelled by the caller.", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failure(e, limits);
        }
    }

    private static ScriptOutcome Failure(Exception exception, SandboxOptions limits)
    {
        var (reason, message) = exception switch
        {
            ExecutionCanceledException => (PopupReason.ScriptTimeout, $"the script ran longer than its {Milliseconds(limits.Timeout)} ms limit (Sandbox.Timeout); look for a loop that does not end"),
            RegexMatchTimeoutException => (PopupReason.ScriptTimeout, $"a regular expression ran longer than its {Milliseconds(limits.RegexTimeout)} ms limit (Sandbox.RegexTimeout); simplify the pattern (nested quantifiers such as (a+)+ backtrack exponentially)"),
            StatementsCountOverflowException => (PopupReason.ScriptLimit, $"the script executed more than {limits.MaxStatements} statements (Sandbox.MaxStatements); look for a loop that does not end"),
            MemoryLimitExceededException => (PopupReason.ScriptLimit, $"the script allocated more than {limits.MemoryLimitBytes} bytes (Sandbox.MemoryLimitBytes); look for strings or arrays that grow without bound"),
            RecursionDepthOverflowException => (PopupReason.ScriptLimit, $"the script nested calls deeper than {limits.MaxRecursion} (Sandbox.MaxRecursion); look for a recursion that does not end"),
            JavaScriptException js when js.Message.StartsWith(SandboxHardening.RefusalPrefix, StringComparison.Ordinal) => (PopupReason.ScriptLimit, $"the script hit a {js.Message}"),
            JavaScriptException js => (PopupReason.ScriptRuntime, $"the script threw: {js.Message}"),
            _ => (PopupReason.ScriptRuntime, $"the script engine failed: {exception.GetType().Name}: {exception.Message}"),
        };

        message = CallerDataPlaceholders.RestoreInText(message);
        return JintException.TryGetJavaScriptLocation(exception, out var location) && location.Start.Line > 0
            ? ScriptOutcome.Failed(reason, $"{message} (line {location.Start.Line}, column {location.Start.Column + 1})", [], location.Start.Line, location.Start.Column + 1)
            : ScriptOutcome.Failed(reason, message, []);
    }

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;
}
