using System.Text.RegularExpressions;
using Jint;
using Jint.Runtime;

namespace ScreenPopup.Scripting;

/// <summary>
/// What each way a script can fail is reported as: the reason and a message that says which limit or error it was and
/// how to fix it. The one table of failures; <see cref="SandboxEngine"/> adds the script position.
/// </summary>
internal static class ScriptFailures
{
    /// <summary>The reason and message for <paramref name="exception"/>, thrown while running a script under <paramref name="limits"/>.</summary>
    /// <param name="exception">What the engine threw.</param>
    /// <param name="limits">The limits the script ran under, named in the message.</param>
    /// <param name="isStackExhausted">Whether a JavaScript error is the engine's stack guard (which only the engine can tell).</param>
    public static (PopupReason Reason, string Message) Describe(Exception exception, SandboxLimits limits, Func<JavaScriptException, bool> isStackExhausted) =>
        exception switch
        {
            RegexMatchTimeoutException => (PopupReason.ScriptTimeout, $"a regular expression ran longer than its {Milliseconds(limits.RegexTimeout)} ms limit (Sandbox.RegexTimeout); simplify the pattern (nested quantifiers such as (a+)+ backtrack exponentially)"),
            OperationCanceledException or TimeoutException =>
                (PopupReason.ScriptTimeout, $"the script ran longer than its {Milliseconds(limits.Timeout)} ms limit (Sandbox.Timeout); look for a loop that does not end"),
            StatementsCountOverflowException => (PopupReason.ScriptLimit, $"the script executed more than {limits.MaxStatements} statements (Sandbox.MaxStatements); look for a loop that does not end"),
            MemoryLimitExceededException => (PopupReason.ScriptLimit, $"the script allocated more than {limits.MemoryLimitBytes} bytes (Sandbox.MemoryLimitBytes); look for strings or arrays that grow without bound"),
            ScriptPreparationException preparation => (PopupReason.ScriptLimit, $"{PopupScript.DescribePreparationFailure(preparation)} (this engine parses its own copy of the script, on a thread with less stack than the one that compiled it)"),
            RecursionDepthOverflowException => (PopupReason.ScriptLimit, $"the script nested calls deeper than {limits.MaxRecursion} (Sandbox.MaxRecursion); look for a recursion that does not end"),
            JavaScriptException js when isStackExhausted(js) => (PopupReason.ScriptLimit, "the script nested calls deeper than the thread's stack allows; look for a recursion that does not end (a toString, valueOf, getter or proxy trap that uses its own object recurses too)"),
            JavaScriptException js when js.Message.StartsWith(BuiltIns.RefusalPrefix, StringComparison.Ordinal) => (PopupReason.ScriptLimit, $"the script hit a {js.Message}"),
            JavaScriptException js => (PopupReason.ScriptRuntime, $"the script threw: {BoundedMessage.Of(js.Message, BoundedMessage.MaxLength / 2)}"),
            _ => (PopupReason.ScriptRuntime, $"the script engine failed: {exception.GetType().Name}: {exception.Message}"),
        };

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;
}
