using Jint;
using Jint.Native;
using Jint.Runtime.Descriptors;

namespace ScreenPopup;

/// <summary>
/// Binds the call variables into a fresh engine as data, never as source text: read-only globals named <c>CALL_*</c>,
/// and a frozen object holding the same values for the popup function's argument. <c>CALL_POPUPINFO</c> is a frozen
/// array. Values are cut to <see cref="SandboxOptions.MaxVariableLength"/> (and items to
/// <see cref="SandboxOptions.MaxPopupInfoItems"/>) with a diagnostic, and cannot carry agent placeholders.
/// </summary>
internal static class CallBinding
{
    /// <summary>Defines the globals and returns the frozen call object (non-writable, non-configurable, not extensible). Must run before any script code, while <c>Object.freeze</c> is pristine.</summary>
    public static JsValue Bind(Engine engine, CallVariables call, SandboxOptions limits, ICollection<PopupDiagnostic> diagnostics)
    {
        var callObject = new JsObject(engine);
        foreach (var (name, value) in Values(call))
        {
            // Jint's dense arrays ignore descriptor flags, so the array is frozen by the engine's own Object.freeze.
            var bound = value is IReadOnlyList<string> items
                ? engine.Invoke(engine.Global.Get("Object").Get("freeze"), new JsArray(engine, Items(name, items, limits, diagnostics)))
                : new JsString(Prepare(name, (string)value, limits, diagnostics));
            engine.Global.DefineOwnProperty(name, new PropertyDescriptor(bound, PropertyFlag.Enumerable));
            callObject.DefineOwnProperty(name, new PropertyDescriptor(bound, PropertyFlag.Enumerable));
        }

        callObject.PreventExtensions();
        return callObject;
    }

    private static JsValue[] Items(string name, IReadOnlyList<string> items, SandboxOptions limits, ICollection<PopupDiagnostic> diagnostics)
    {
        if (items.Count > limits.MaxPopupInfoItems)
        {
            diagnostics.Add(Truncated($"{name} has {items.Count} items; the script sees the first {limits.MaxPopupInfoItems} (Sandbox.MaxPopupInfoItems)"));
        }

        return [.. items.Take(limits.MaxPopupInfoItems).Select((item, index) => (JsValue)new JsString(Prepare($"{name}[{index}]", item ?? "", limits, diagnostics)))];
    }

    private static string Prepare(string name, string value, SandboxOptions limits, ICollection<PopupDiagnostic> diagnostics)
    {
        if (value.Length > limits.MaxVariableLength)
        {
            diagnostics.Add(Truncated($"{name} was cut from {value.Length} to {limits.MaxVariableLength} characters (Sandbox.MaxVariableLength)"));
            value = value[..limits.MaxVariableLength];
        }

        return CallerDataPlaceholders.Neutralize(value);
    }

    private static PopupDiagnostic Truncated(string message) =>
        new() { Severity = DiagnosticSeverity.Warning, Code = PopupDiagnosticCodes.ValueTruncated, Message = message };

    private static IEnumerable<(string Name, object Value)> Values(CallVariables call)
    {
        yield return ("CALL_SERVIZIO", call.Service);
        yield return ("CALL_CLI", call.Cli);
        yield return ("CALL_DNIS", call.Dnis);
        yield return ("CALL_SKILLSET", call.Skillset);
        yield return ("CALL_TIPOCHIAMATA", call.CallType);
        yield return ("CALL_IDLASTCALL", call.LastCallId);
        yield return ("CALL_SITOORIGINE", call.OriginSite);
        yield return ("CALL_SITODISTRIBUZIONE", call.DistributionSite);
        yield return ("CALL_CHANNELID", call.ChannelId);
        yield return ("CALL_CHANNELSESSIONID", call.ChannelSessionId);
        yield return ("CALL_CHANNELDATA", call.ChannelData);
        yield return ("CALL_CHANNELDESCRIPTION", call.ChannelDescription);
        yield return ("CALL_POPUPINFO", call.PopupInfo);
    }
}
