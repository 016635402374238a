using Acornima.Ast;
using Jint;
using Jint.Constraints;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using ScreenPopup.Placeholders;

namespace ScreenPopup.Scripting;

/// <summary>
/// One hardened JavaScript engine, reused for many evaluations, one at a time. It is built once: no CLR access, no
/// string compilation, the limits of <see cref="SandboxLimits"/>, then every step of <see cref="SandboxSetup"/> in its
/// order (capped and faster built-ins, every built-in frozen, removed globals), the <c>CALL_*</c> globals defined, and
/// then a snapshot of its pristine global object taken. Each evaluation restores that snapshot first (or, for a script whose top level
/// <see cref="SettledTopLevel"/> lets it keep, the one taken after that top level ran), which undoes every global,
/// top-level declaration and global-object change the previous script made; built-ins cannot have changed.
/// </summary>
internal sealed class SandboxEngine : IDisposable
{
    /// <summary>
    /// The engine remembers every script it has evaluated (about 0.5 KB each, in Jint) and keeps its own syntax tree of
    /// each (about 9 KB), with a snapshot of the global object for a settled top level (about 2.4 KB), so it retires
    /// after this many distinct scripts, and a new one takes its place: memory stays flat however often configurations
    /// change.
    /// </summary>
    private const int MaxDistinctScripts = 256;

    /// <summary>The message of the <c>RangeError</c> Jint's stack guard throws when a recursion nears the end of the thread's stack.</summary>
    private const string StackExhaustedMessage = "Maximum call stack size exceeded";

    private readonly Engine _engine;
    private readonly OperationDeadlineConstraint _deadline = new();
    private readonly JsonErrors _jsonErrors;
    private readonly ObjectInstance _rangeErrorPrototype;
    private readonly CallBinding _call;
    private readonly GlobalSnapshot _pristine;
    private readonly JsValue[] _callArguments = new JsValue[1];
    private readonly Dictionary<PopupScript, EngineScript> _ownCopies = new(ReferenceEqualityComparer.Instance);
    private readonly NonceSource _nonces = new();

    /// <summary>Builds and hardens an engine for the given limits (several milliseconds: done once per pooled engine).</summary>
    public SandboxEngine(SandboxLimits limits)
    {
        Limits = limits;
        _engine = new Engine(options =>
        {
            options.Interop.Enabled = false;
            options.DisableStringCompilation();
            options.Modules.ModuleLoader = NoModules.Instance;
            options.MaxStatements(limits.MaxStatements);
            options.LimitMemory(limits.MemoryLimitBytes);
            // Recursion through a coercion, a proxy trap, a bound function or a tagged template is not a counted call: without
            // the guard it overflows the native stack and ends the host process. Counting calls is optional (and not free).
            options.Constraints.StackOverflowGuard = true;
            if (limits.MaxRecursion > 0)
            {
                options.LimitRecursion(limits.MaxRecursion);
            }
            options.Constraints.RegexTimeout = limits.RegexTimeout;
            options.Constraints.MaxArraySize = (uint)limits.MaxArrayLength;
            options.Constraints.Constraints.Add(_deadline);
        });
        _jsonErrors = JsonErrors.Of(_engine);
        _rangeErrorPrototype = BuiltIns.Prototype(_engine, "RangeError");
        SandboxSetup.Install(_engine, limits, _jsonErrors);
        _call = new CallBinding(_engine);
        _pristine = _engine.Advanced.CaptureGlobalSnapshot();
    }

    /// <summary>The hardened engine itself, for the isolation tests that enumerate what a script can reach.</summary>
    internal Engine Engine => _engine;

    /// <summary>The limits the engine was built with; an engine serves only evaluations under the same ones.</summary>
    public SandboxLimits Limits { get; }

    /// <summary>Whether the engine may serve another evaluation: false after it ran too many distinct scripts or was interrupted.</summary>
    public bool IsReusable { get; private set; } = true;

    /// <summary>Releases the engine; the pool does this for an engine it does not keep.</summary>
    public void Dispose() => _engine.Dispose();

    /// <summary>Runs the script for one interaction under the limits; the timeout covers the whole evaluation.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ScriptOutcome Run(PopupScript script, CallVariables call, SandboxLimits limits, CancellationToken cancellationToken)
    {
        IReadOnlyList<PopupDiagnostic> bindingDiagnostics = [];
        var marks = PlaceholderMarks.None;
        _deadline.Begin(limits.Timeout, cancellationToken);
        try
        {
            var own = OwnCopyOf(script, out var justSettled);
            if (!justSettled)
            {
                // Undo the previous evaluation: back to the global object the settled top level left, or the pristine one.
                _engine.Advanced.RestoreGlobalSnapshot(own.AfterTopLevel ?? _pristine);
            }

            bindingDiagnostics = _call.Bind(call, limits);
            marks = BindPlaceholderSlots(script.Placeholders, own);
            if (!TryInvoke(script, own, out var result))
            {
                return ScriptOutcome.Failed(PopupReason.ScriptSyntax, script.DescribeMissingEntryFunction(), bindingDiagnostics);
            }

            var outcome = ResultReader.Read(_engine, _jsonErrors, limits.MaxArrayLength, result).WithPlaceholders(marks);
            return bindingDiagnostics.Count == 0 ? outcome : outcome with { Diagnostics = [.. bindingDiagnostics, .. outcome.Diagnostics] };
        }
        catch (Exception e) when (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            IsReusable = false;
            throw new OperationCanceledException("The popup evaluation was cancelled by the caller.", e, cancellationToken);
        }
        catch (Exception e)
        {
            // A script's own throw unwinds the engine normally; a limit or timeout interrupts it mid-statement.
            IsReusable &= e is JavaScriptException;
            return Failure(script, marks, e, limits, bindingDiagnostics);
        }
        finally
        {
            _deadline.End();
        }
    }

    /// <summary>
    /// Draws this evaluation's marks and puts each literal that holds placeholders, marked, in its slot: a global the
    /// engine's copy of the script reads where the admin wrote the literal (see <see cref="PlaceholderMarking"/>), not
    /// writable, and gone with the next restore (or, for a settled script, reverted to <c>undefined</c> by it).
    /// </summary>
    private PlaceholderMarks BindPlaceholderSlots(ScriptPlaceholders placeholders, EngineScript own)
    {
        var marks = PlaceholderMarks.Draw(placeholders, _nonces);
        var literals = placeholders.Literals;
        for (var i = 0; i < literals.Count; i++)
        {
            var value = new JsString(marks.ValueOf(literals[i]));
            if (own.Slots is { } slots)
            {
                slots[i].Value = value;
            }
            else
            {
                _engine.Global.FastSetProperty(literals[i].Slot, new PropertyDescriptor(value, PropertyFlag.None));
            }
        }

        return marks;
    }

    /// <summary>
    /// This engine's own syntax tree of the script (see <see cref="PopupScript.TakeTreeForEngine"/>): Jint keeps interpreter
    /// state in the tree, so engines on different threads sharing one would keep writing to the same memory. For a script
    /// whose top level <see cref="SettledTopLevel"/> allows to keep, the top level runs here, once, and the global object
    /// it leaves is what later evaluations restore; <paramref name="justSettled"/> says the engine is in that state now.
    /// </summary>
    private EngineScript OwnCopyOf(PopupScript script, out bool justSettled)
    {
        justSettled = false;
        if (!_ownCopies.TryGetValue(script, out var own))
        {
            own = new EngineScript(script.TakeTreeForEngine());
            _ownCopies.Add(script, own);
            IsReusable &= _ownCopies.Count < MaxDistinctScripts;
            if (script.HasSettledTopLevel)
            {
                // A top level that throws here throws the same way every time: the copy stays unsettled and runs it each time.
                justSettled = SettleTopLevel(script, own);
            }
        }

        return own;
    }

    /// <summary>Runs the top level on the pristine global object and keeps what it left; false when it designates no function.</summary>
    private bool SettleTopLevel(PopupScript script, EngineScript own)
    {
        _engine.Advanced.RestoreGlobalSnapshot(_pristine);

        // The slots are defined before the snapshot is taken, so that each evaluation sets their values rather than adding
        // and removing globals (80 bytes a slot). A settled top level reads none: a variable set to a literal holding a
        // placeholder reads a slot in the engine's copy, which keeps the top level from settling.
        var slots = new PropertyDescriptor[script.Placeholders.Literals.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new PropertyDescriptor(JsValue.Undefined, PropertyFlag.None);
            _engine.Global.FastSetProperty(script.Placeholders.Literals[i].Slot, slots[i]);
        }

        if (EntryFunction(script, _engine.Evaluate(own.Tree)) is not { } entry)
        {
            return false;
        }

        own.Entry = entry;
        own.Slots = slots;
        own.AfterTopLevel = _engine.Advanced.CaptureGlobalSnapshot();
        return true;
    }

    /// <summary>Runs the script body (unless it was settled), then the function it designates (see <see cref="PopupScript"/>); false when there is none.</summary>
    private bool TryInvoke(PopupScript script, EngineScript own, out JsValue result)
    {
        if (own.Entry is not { } function)
        {
            var completion = _engine.Evaluate(own.Tree);
            if (completion is JsObject)
            {
                result = completion;
                return true;
            }

            if (EntryFunction(script, completion) is not { } entry)
            {
                result = JsValue.Undefined;
                return false;
            }

            function = entry;
        }

        // One argument array per engine: a sloppy function may write through `arguments`, so it is set before every call.
        _callArguments[0] = _call.CallObject;
        result = _engine.Call(function, JsValue.Undefined, _callArguments);
        return true;
    }

    /// <summary>The function to call: the completion value when it is one, else the entry function the script declares.</summary>
    private Function? EntryFunction(PopupScript script, JsValue completion) =>
        completion as Function ?? (script.EntryFunctionKey is { } name ? _engine.Global.Get(name) as Function : null);

    /// <summary>One script as this engine runs it.</summary>
    private sealed class EngineScript(Prepared<Script> tree)
    {
        /// <summary>The engine's own syntax tree of the script.</summary>
        public Prepared<Script> Tree { get; } = tree;

        /// <summary>The popup function a settled top level created, called by every evaluation; null when the top level runs each time.</summary>
        public Function? Entry { get; set; }

        /// <summary>The global object as the settled top level left it (with its variables and functions), restored before each evaluation.</summary>
        public GlobalSnapshot? AfterTopLevel { get; set; }

        /// <summary>For a settled script, the descriptors of its placeholder slots, part of <see cref="AfterTopLevel"/>: each evaluation sets their values.</summary>
        public PropertyDescriptor[]? Slots { get; set; }
    }

    private ScriptOutcome Failure(PopupScript script, PlaceholderMarks marks, Exception exception, SandboxLimits limits, IReadOnlyList<PopupDiagnostic> diagnostics)
    {
        var (reason, message) = ScriptFailures.Describe(exception, limits, IsStackExhausted);

        message = script.Placeholders.ShowSlots(marks.RestoreInText(message));
        if (!JintException.TryGetJavaScriptLocation(exception, out var location) || location.Start.Line <= 0)
        {
            return ScriptOutcome.Failed(reason, message, diagnostics);
        }

        var (line, column) = (location.Start.Line, script.Marked.OriginalColumn(location.Start.Line, location.Start.Column) + 1);
        return ScriptOutcome.Failed(reason, $"{message} (line {line}, column {column})", diagnostics, line, column);
    }

    /// <summary>Whether the script failed on the stack guard's <c>RangeError</c> (or threw one just like it) and did not catch it.</summary>
    private bool IsStackExhausted(JavaScriptException exception) =>
        exception.Error is ObjectInstance error && error.Prototype == _rangeErrorPrototype && exception.Message == StackExhaustedMessage;
}
