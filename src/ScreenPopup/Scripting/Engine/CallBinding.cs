using Jint;
using Jint.Native;
using Jint.Runtime.Descriptors;
using ScreenPopup.Placeholders;

namespace ScreenPopup.Scripting;

/// <summary>
/// Binds the call variables into one engine as data, never as source text: read-only globals named <c>CALL_*</c>, and a
/// frozen call object holding the same values for the popup function's argument. <c>CALL_POPUPINFO</c> is a new
/// array on every evaluation. Values are cut to <see cref="SandboxLimits.MaxVariableLength"/> (and items to
/// <see cref="SandboxLimits.MaxPopupInfoItems"/>) with a diagnostic, and cannot hold a placeholder mark (<see cref="PlaceholderMarks"/>).
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
    private readonly PopupInfoSlot _popupInfoSlot;

    /// <summary>Defines the globals and the call object in a new engine whose built-ins are already frozen.</summary>
    public CallBinding(Engine engine)
    {
        _engine = engine;
        CallObject = new JsObject(engine);
        for (var i = 0; i < TextVariables.Length; i++)
        {
            _textSlots[i] = DefineSlot(TextVariables[i].Name, JsString.Empty);
        }

        _popupInfoSlot = new PopupInfoSlot(engine);
        _engine.Global.FastSetProperty(PopupInfoName, _popupInfoSlot);
        CallObject.FastSetProperty(PopupInfoName, _popupInfoSlot);
        CallObject.PreventExtensions();
    }

    /// <summary>The popup function's argument: the same values as the globals, not writable, not extensible.</summary>
    public JsObject CallObject { get; }

    /// <summary>Sets this interaction's values; returns the truncation warnings, usually none.</summary>
    public IReadOnlyList<PopupDiagnostic> Bind(CallVariables call, SandboxLimits limits)
    {
        List<PopupDiagnostic>? diagnostics = null;
        for (var i = 0; i < TextVariables.Length; i++)
        {
            _textSlots[i].Value = BindText(i, TextVariables[i].Value(call), limits, ref diagnostics);
        }

        _popupInfoSlot.Bind(call.PopupInfo, limits, ref diagnostics);
        return diagnostics ?? (IReadOnlyList<PopupDiagnostic>)[];
    }

    private PropertyDescriptor DefineSlot(string name, JsValue initial)
    {
        _engine.Global.DefineOwnProperty(name, new PropertyDescriptor(initial, PropertyFlag.Enumerable));
        var slot = _engine.Global.GetOwnProperty(name);
        CallObject.FastSetProperty(name, slot); // the descriptor itself, not a copy of it, so that one write updates both
        return slot;
    }

    private JsValue BindText(int index, string value, SandboxLimits limits, ref List<PopupDiagnostic>? diagnostics)
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

    private static string Prepare(string name, string value, SandboxLimits limits, ref List<PopupDiagnostic>? diagnostics)
    {
        if (value.Length > limits.MaxVariableLength)
        {
            (diagnostics ??= []).Add(TruncatedText(name, value, limits));
        }

        return AsTheScriptSeesIt(value, limits.MaxVariableLength);
    }

    /// <summary>A call value as a script sees it: cut to <paramref name="maxLength"/>, and unable to hold a placeholder mark.</summary>
    private static string AsTheScriptSeesIt(string value, int maxLength) =>
        PlaceholderMarks.NeutralizeCallerText(value.Length > maxLength ? value[..maxLength] : value);

    private static PopupDiagnostic TruncatedText(string name, string value, SandboxLimits limits) =>
        Truncated($"{name} was cut from {value.Length} to {limits.MaxVariableLength} characters (Sandbox.MaxVariableLength)");

    private static PopupDiagnostic Truncated(string message) =>
        new() { Severity = DiagnosticSeverity.Warning, Code = PopupDiagnosticCodes.ValueTruncated, Message = message };

    /// <summary>
    /// <c>CALL_POPUPINFO</c>, in the global object and the call object: a new array in every evaluation, never one shared
    /// with an earlier evaluation, so nothing a script does to it (a <c>push</c>, say) is seen by another. The array is
    /// made when the script first reads it (most scripts never do: that saves a decision about 250 bytes); to the script it
    /// is an ordinary non-writable data property. The array is not frozen: freezing cost more than the rest of a decision's
    /// binding (Jint's freeze turns a dense array into descriptors), and Jint's freeze has holes (<see cref="FrozenArrayWrites"/>).
    /// </summary>
    /// <remarks>
    /// A descriptor with its own value (Jint's <see cref="PropertyFlag.CustomJsValue"/>): the global snapshot restores it by
    /// reference and leaves its value alone, so <see cref="Bind"/>, which runs after every restore, is what resets it.
    /// </remarks>
    private sealed class PopupInfoSlot(Engine engine) : PropertyDescriptor(PropertyFlag.Enumerable | PropertyFlag.CustomJsValue)
    {
        private IReadOnlyList<string> _items = [];
        private int _count;
        private int _maxLength;
        private JsValue? _array;

        /// <summary>Sets this evaluation's items, and reports now what the array made later will cut.</summary>
        public void Bind(IReadOnlyList<string> items, SandboxLimits limits, ref List<PopupDiagnostic>? diagnostics)
        {
            (_items, _count, _maxLength, _array) = (items, Math.Min(items.Count, limits.MaxPopupInfoItems), limits.MaxVariableLength, null);
            if (items.Count > _count)
            {
                (diagnostics ??= []).Add(Truncated($"{PopupInfoName} has {items.Count} items; the script sees the first {_count} (Sandbox.MaxPopupInfoItems)"));
            }

            for (var i = 0; i < _count; i++)
            {
                if (items[i] is { } item && item.Length > _maxLength)
                {
                    (diagnostics ??= []).Add(TruncatedText($"{PopupInfoName}[{i}]", item, limits));
                }
            }
        }

        protected override JsValue? CustomValue
        {
            get => _array ??= MakeArray();
            set => _array = value;
        }

        private JsArray MakeArray()
        {
            var values = new JsValue[_count];
            for (var i = 0; i < _count; i++)
            {
                var item = _items[i] ?? "";
                values[i] = new JsString(AsTheScriptSeesIt(item, _maxLength));
            }

            return new JsArray(engine, values);
        }
    }
}
