using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace ScreenPopup;

/// <summary>
/// Turns the script's result into a <see cref="PopupDefinition"/>. It reads own data properties only and never runs a
/// getter, proxy trap or <c>toString</c>: code called from here would run outside every sandbox limit.
/// </summary>
internal static class ResultReader
{
    private const int MaxUnknownKeyWarnings = 10;

    private static readonly string[] UrlKeys = ["onRing", "onAnswer", "onHangup", "onDemand"];
    private const string OpenNewTabKey = "webClientOpenNewTab";
    private const string TabNameKey = "webClientTabName";

    public static ScriptOutcome Read(Engine engine, JsValue result)
    {
        var diagnostics = new List<PopupDiagnostic>();

        if (result is JsString json)
        {
            if (!TryParseJson(engine, json.ToString(), out result, out var parseError))
            {
                return ScriptOutcome.Failed(PopupReason.InvalidResult, $"the script returned a string that is not JSON ({parseError}); return an object, or a JSON object text", diagnostics);
            }
        }

        if (result.IsNull() || result.IsUndefined())
        {
            diagnostics.Add(new PopupDiagnostic
            {
                Severity = DiagnosticSeverity.Info,
                Code = PopupDiagnosticCodes.NoResult,
                Message = $"the script returned {(result.IsNull() ? "null" : "undefined")}: no popup for this interaction",
            });
            return ScriptOutcome.Succeeded(PopupDefinition.Empty, diagnostics);
        }

        if (result is not JsObject popup)
        {
            return ScriptOutcome.Failed(PopupReason.InvalidResult,
                $"the script returned {Describe(result)}; return an object such as {{ onAnswer: 'https://…', webClientOpenNewTab: false }}", diagnostics);
        }

        var values = new Dictionary<string, JsValue>(StringComparer.Ordinal);
        var unknownKeys = 0;
        foreach (var (key, descriptor) in popup.GetOwnProperties())
        {
            if (!key.IsString())
            {
                continue;
            }

            var name = key.ToString();
            if (!IsKnownKey(name))
            {
                unknownKeys++;
                if (unknownKeys <= MaxUnknownKeyWarnings)
                {
                    diagnostics.Add(UnknownKey(name));
                }

                continue;
            }

            if (descriptor.IsAccessorDescriptor())
            {
                return ScriptOutcome.Failed(PopupReason.InvalidResult, $"'{name}' is a getter or setter; return plain values", diagnostics);
            }

            values[name] = descriptor.Value;
        }

        if (unknownKeys > MaxUnknownKeyWarnings)
        {
            diagnostics.Add(new PopupDiagnostic
            {
                Severity = DiagnosticSeverity.Warning,
                Code = PopupDiagnosticCodes.UnknownKey,
                Message = $"{unknownKeys - MaxUnknownKeyWarnings} more unknown keys were ignored",
            });
        }

        var problems = new List<string>();
        var definition = new PopupDefinition
        {
            OnRing = ReadString(values, "onRing", problems),
            OnAnswer = ReadString(values, "onAnswer", problems),
            OnHangup = ReadString(values, "onHangup", problems),
            OnDemand = ReadString(values, "onDemand", problems),
            WebClientOpenNewTab = ReadBoolean(values, OpenNewTabKey, problems),
            WebClientTabName = ReadString(values, TabNameKey, problems),
        };

        return problems.Count == 0
            ? ScriptOutcome.Succeeded(definition, diagnostics)
            : ScriptOutcome.Failed(PopupReason.InvalidResult, string.Join("; ", problems), diagnostics);
    }

    private static bool IsKnownKey(string name) =>
        Array.IndexOf(UrlKeys, name) >= 0 || name is OpenNewTabKey or TabNameKey;

    private static PopupDiagnostic UnknownKey(string name)
    {
        var suggestion = UrlKeys.Append(OpenNewTabKey).Append(TabNameKey)
            .FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
        var shown = name.Length > 64 ? string.Concat(name.AsSpan(0, 64), "…") : name;
        return new PopupDiagnostic
        {
            Severity = DiagnosticSeverity.Warning,
            Code = PopupDiagnosticCodes.UnknownKey,
            Message = suggestion is null
                ? $"the result key '{shown}' is not part of a popup definition and is ignored (known keys: onRing, onAnswer, onHangup, onDemand, webClientOpenNewTab, webClientTabName)"
                : $"the result key '{shown}' is not part of a popup definition and is ignored; did you mean '{suggestion}'?",
        };
    }

    /// <summary>Reads an optional string; null, undefined and the empty string all mean "not set".</summary>
    private static string? ReadString(Dictionary<string, JsValue> values, string key, List<string> problems)
    {
        if (!values.TryGetValue(key, out var value) || value.IsNull() || value.IsUndefined())
        {
            return null;
        }

        if (value is JsString text)
        {
            var s = text.ToString();
            return s.Length == 0 ? null : s;
        }

        problems.Add($"'{key}' must be a string or null, but the script returned {Describe(value)}");
        return null;
    }

    /// <summary>Reads an optional boolean; null and undefined mean false.</summary>
    private static bool ReadBoolean(Dictionary<string, JsValue> values, string key, List<string> problems)
    {
        if (!values.TryGetValue(key, out var value) || value.IsNull() || value.IsUndefined())
        {
            return false;
        }

        if (value.IsBoolean())
        {
            return value.AsBoolean();
        }

        problems.Add($"'{key}' must be true, false or null, but the script returned {Describe(value)}");
        return false;
    }

    private static bool TryParseJson(Engine engine, string text, out JsValue value, out string? error)
    {
        try
        {
            value = new JsonParser(engine).Parse(text);
            error = null;
            return true;
        }
        catch (JavaScriptException e)
        {
            value = JsValue.Undefined;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Names a value's type for a message, without running any of its code.</summary>
    private static string Describe(JsValue value) => value switch
    {
        _ when value.IsNumber() => "a number",
        _ when value.IsBoolean() => "a boolean",
        _ when value.IsString() => "a string",
        _ when value.IsSymbol() => "a symbol",
        _ when value.IsBigInt() => "a bigint",
        _ when value.IsArray() => "an array",
        _ when value.IsPromise() => "a promise (popup functions must not be async)",
        _ when value.IsCallable() => "a function",
        _ => "an object that is not a plain object (a proxy or a built-in)",
    };
}
