using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace ScreenPopup;

/// <summary>
/// Binds the call variables into a fresh engine as data, never as source text: read-only globals named <c>CALL_*</c>,
/// and a frozen object holding the same values for the popup function's argument. <c>CALL_POPUPINFO</c> is a frozen array.
/// </summary>
internal static class CallBinding
{
    /// <summary>Defines the globals and returns the frozen call object. Must run before any script code, while <c>Object.freeze</c> is pristine.</summary>
    public static JsValue Bind(Engine engine, CallVariables call)
    {
        var freeze = engine.Global.Get("Object").Get("freeze");
        var callObject = new JsObject(engine);
        foreach (var (name, value) in Values(call))
        {
            var bound = value is IReadOnlyList<string> items
                ? engine.Invoke(freeze, new JsArray(engine, items.Select(item => (JsValue)new JsString(item ?? "")).ToArray()))
                : new JsString((string)value);
            engine.Global.DefineOwnProperty(name, new PropertyDescriptor(bound, PropertyFlag.Enumerable));
            callObject.Set(name, bound);
        }

        return engine.Invoke(freeze, callObject);
    }

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
