using Jint;
using Jint.Native;
using Jint.Runtime.Descriptors;

namespace ScreenPopup;

/// <summary>
/// Binds the call variables into one engine as data, never as source text: read-only globals named <c>CALL_*</c>, and a
/// frozen call object holding the same values for the popup function's argument. <c>CALL_POPUPINFO</c> is a new
/// array on every evaluation. Values are cut to <see cref="SandboxOptions.MaxVariableLength"/> (and items to
/// <see cref="SandboxOptions.MaxPopupInfoItems"/>) with a diagnostic, and cannot hold a placeholder mark (<see cref="PlaceholderMarks"/>).
/// </summary>
/// <remarks>
/// The globals are defined once per engine, before its pristine snapshot is taken, as non-writable, non-configurable
/// properties; the call object shares their property descriptors and cannot be extended. An evaluation only sets the
/// values, after the snapshot restore and before any script code. A value equal to the one bound last time reuses its
/// engine string (service codes, sites and call types repeat from call to call): strings are immutable, so nothing of the
/// earlier interaction can be observed through it.
/// </remarks>
internal sealed class CallBinding
{
    private const string PopupInfoName = "CALL_POPUPINFO";

    private static readonly (string Name, Func<CallVariables, string> Value)[] TextVariables = CallVariables.TextVariables;

    private readonly Engine _engine;
    private readonly PropertyDescriptor[] _textSlots = new PropertyDescriptor[TextVariables.Length];
    private readonly string?[] _lastTexts = new string?[TextVariables.Length];
    private readonly JsValue[] _lastBoundTexts = new JsValue[TextVariables.Length];
    private readonly PropertyDescriptor _popupInfoSlot;

    /// <summary>Defines the globals and the call object in a new engine whose built-ins are already frozen.</summary>
    public CallBinding(Engine engine)
    {
        _engine = engine;
        CallObject = new JsObject(engine);
        for (var i = 0; i < TextVariables.Length; i++)
        {
            _textSlots[i] = DefineSlot(TextVariables[i].Name, JsString.Empty);
        }

        _popupInfoSlot = DefineSlot(PopupInfoName, new JsArray(engine));
        CallObject.PreventExtensions();
    }

    /// <summary>The popup function's argument: the same values as the globals, not writable, not extensible.</summary>
    public JsObject CallObject { get; }

    /// <summary>Sets this interaction's values; returns the truncation warnings, usually none.</summary>
    public IReadOnlyList<PopupDiagnostic> Bind(CallVariables call, SandboxOptions limits)
    {
        List<PopupDiagnostic>? diagnostics = null;
        for (var i = 0; i < TextVariables.Length; i++)
        {
            _textSlots[i].Value = BindText(i, TextVariables[i].Value(call), limits, ref diagnostics);
        }

        _popupInfoSlot.Value = BindPopupInfo(call.PopupInfo, limits, ref diagnostics);
        return diagnostics ?? (IReadOnlyList<PopupDiagnostic>)[];
    }

    private PropertyDescriptor DefineSlot(string name, JsValue initial)
    {
        _engine.Global.DefineOwnProperty(name, new PropertyDescriptor(initial, PropertyFlag.Enumerable));
        var slot = _engine.Global.GetOwnProperty(name);
        CallObject.FastSetProperty(name, slot); // the descriptor itself, not a copy of it, so that one write updates both
        return slot;
    }

    private JsValue BindText(int index, string value, SandboxOptions limits, ref List<PopupDiagnostic>? diagnostics)
    {
        if (value.Length == 0)
        {
            return JsString.Empty;
        }

        if (value.Length <= limits.MaxVariableLength && string.Equals(value, _lastTexts[index], StringComparison.Ordinal))
        {
            return _lastBoundTexts[index];
        }

        var bound = new JsString(Prepare(TextVariables[index].Name, value, limits, ref diagnostics));
        _lastTexts[index] = value.Length <= limits.MaxVariableLength ? value : null;
        _lastBoundTexts[index] = bound;
        return bound;
    }

    /// <summary>
    /// A new array for every evaluation, never one shared with an earlier evaluation, so nothing a script does to it (a
    /// <c>push</c>, say) is seen by another. It is not frozen: freezing cost more than the rest of a decision's binding
    /// (Jint's freeze turns a dense array into descriptors), and Jint's freeze has holes (<see cref="FrozenArrayWrites"/>).
    /// </summary>
    private JsArray BindPopupInfo(IReadOnlyList<string> items, SandboxOptions limits, ref List<PopupDiagnostic>? diagnostics)
    {
        var count = Math.Min(items.Count, limits.MaxPopupInfoItems);
        if (items.Count > count)
        {
            (diagnostics ??= []).Add(Truncated($"{PopupInfoName} has {items.Count} items; the script sees the first {count} (Sandbox.MaxPopupInfoItems)"));
        }

        var values = new JsValue[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = new JsString(Prepare($"{PopupInfoName}[{i}]", items[i] ?? "", limits, ref diagnostics));
        }

        return new JsArray(_engine, values);
    }

    private static string Prepare(string name, string value, SandboxOptions limits, ref List<PopupDiagnostic>? diagnostics)
    {
        if (value.Length > limits.MaxVariableLength)
        {
            (diagnostics ??= []).Add(Truncated($"{name} was cut from {value.Length} to {limits.MaxVariableLength} characters (Sandbox.MaxVariableLength)"));
            value = value[..limits.MaxVariableLength];
        }

        return PlaceholderMarks.NeutralizeCallerText(value);
    }

    private static PopupDiagnostic Truncated(string message) =>
        new() { Severity = DiagnosticSeverity.Warning, Code = PopupDiagnosticCodes.ValueTruncated, Message = message };
}
