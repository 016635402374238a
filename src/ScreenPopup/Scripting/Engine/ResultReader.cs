using Jint;
using Jint.Native;
using Jint.Runtime;

namespace ScreenPopup.Scripting;

/// <summary>
/// Turns the script's result into a <see cref="PopupDefinition"/>. It reads own data properties only and never runs a
/// getter, proxy trap or <c>toString</c>: code called from here would run outside every sandbox limit.
/// </summary>
internal static class ResultReader
{
    private const int MaxUnknownKeyWarnings = 10;

    private const string OpenNewTabKey = "webClientOpenNewTab";
    private const string TabNameKey = "webClientTabName";

    /// <summary>The keys of a popup definition, in the order <see cref="Read"/> keeps their values.</summary>
    private static readonly string[] KnownKeys = ["onRing", "onAnswer", "onHangup", "onDemand", OpenNewTabKey, TabNameKey];

    /// <summary>Reads the popup definition from the script's result: an object, or a JSON object text (parsed with the engine's errors and the array limit).</summary>
    public static ScriptOutcome Read(Engine engine, JsonErrors jsonErrors, int maxArrayLength, JsValue result)
    {
        List<PopupDiagnostic>? diagnostics = null;

        if (result is JsString json)
        {
            if (!TryParseJson(engine, jsonErrors, json.ToString(), maxArrayLength, out result, out var parseError))
            {
                return ScriptOutcome.Failed(PopupReason.InvalidResult, $"the script returned a string that is not JSON ({parseError}); return an object, or a JSON object text", []);
            }
        }

        if (result.IsNull() || result.IsUndefined())
        {
            return ScriptOutcome.Succeeded(PopupDefinition.Empty, [new PopupDiagnostic
            {
                Severity = DiagnosticSeverity.Info,
                Code = PopupDiagnosticCodes.NoResult,
                Message = $"the script returned {(result.IsNull() ? "null" : "undefined")}: no popup for this interaction",
            }]);
        }

        if (result is not JsObject popup)
        {
            return ScriptOutcome.Failed(PopupReason.InvalidResult,
                $"the script returned {Describe(result)}; return an object such as {{ onAnswer: 'https://…', webClientOpenNewTab: false }}", []);
        }

        var values = new KnownValues();
        var unknownKeys = 0;
        // The keys first, then only the known keys' descriptors: enumerating GetOwnProperties() would allocate a key and
        // a descriptor for every property.
        foreach (var key in popup.GetOwnPropertyKeys(Types.String))
        {
            var name = key.ToString();
            var index = Array.IndexOf(KnownKeys, name);
            if (index < 0)
            {
                unknownKeys++;
                if (unknownKeys <= MaxUnknownKeyWarnings)
                {
                    (diagnostics ??= []).Add(UnknownKey(name));
                }

                continue;
            }

            var descriptor = popup.GetOwnProperty(key);
            if (descriptor.IsAccessorDescriptor())
            {
                return ScriptOutcome.Failed(PopupReason.InvalidResult, $"'{name}' is a getter or setter; return plain values", diagnostics ?? []);
            }

            values[index] = descriptor.Value;
        }

        if (unknownKeys > MaxUnknownKeyWarnings)
        {
            diagnostics!.Add(new PopupDiagnostic
            {
                Severity = DiagnosticSeverity.Warning,
                Code = PopupDiagnosticCodes.UnknownKey,
                Message = $"{unknownKeys - MaxUnknownKeyWarnings} more unknown keys were ignored",
            });
        }

        List<string>? problems = null;
        var definition = new PopupDefinition
        {
            OnRing = ReadString(values, 0, ref problems),
            OnAnswer = ReadString(values, 1, ref problems),
            OnHangup = ReadString(values, 2, ref problems),
            OnDemand = ReadString(values, 3, ref problems),
            WebClientOpenNewTab = ReadBoolean(values, 4, ref problems),
            WebClientTabName = ReadString(values, 5, ref problems),
        };

        return problems is null
            ? ScriptOutcome.Succeeded(definition, diagnostics ?? (IReadOnlyList<PopupDiagnostic>)[])
            : ScriptOutcome.Failed(PopupReason.InvalidResult, string.Join("; ", problems), diagnostics ?? []);
    }

    private static PopupDiagnostic UnknownKey(string name)
    {
        var suggestion = KnownKeys.FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
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
    private static string? ReadString(in KnownValues values, int index, ref List<string>? problems)
    {
        if (values[index] is not { } value || value.IsNull() || value.IsUndefined())
        {
            return null;
        }

        if (value is JsString text)
        {
            var s = text.ToString();
            return s.Length == 0 ? null : s;
        }

        (problems ??= []).Add($"'{KnownKeys[index]}' must be a string or null, but the script returned {Describe(value)}");
        return null;
    }

    /// <summary>Reads an optional boolean; null and undefined mean false.</summary>
    private static bool ReadBoolean(in KnownValues values, int index, ref List<string>? problems)
    {
        if (values[index] is not { } value || value.IsNull() || value.IsUndefined())
        {
            return false;
        }

        if (value.IsBoolean())
        {
            return value.AsBoolean();
        }

        (problems ??= []).Add($"'{KnownKeys[index]}' must be true, false or null, but the script returned {Describe(value)}");
        return false;
    }

    private static bool TryParseJson(Engine engine, JsonErrors jsonErrors, string text, int maxArrayLength, out JsValue value, out string? error)
    {
        try
        {
            value = JsonTextParser.Parse(engine, jsonErrors, text, maxArrayLength);
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

    /// <summary>The values of the six <see cref="KnownKeys"/>, by index, on the stack.</summary>
#if NET
    [System.Runtime.CompilerServices.InlineArray(6)]
    private struct KnownValues
    {
        private JsValue? _first;
    }
#else
    // Inline arrays need runtime support .NET Framework lacks: six fields behind the same indexer instead.
    private struct KnownValues
    {
        private JsValue? _0, _1, _2, _3, _4, _5;

        public JsValue? this[int index]
        {
            readonly get => index switch { 0 => _0, 1 => _1, 2 => _2, 3 => _3, 4 => _4, 5 => _5, _ => throw new ArgumentOutOfRangeException(nameof(index)) };
            set
            {
                switch (index)
                {
                    case 0: _0 = value; break;
                    case 1: _1 = value; break;
                    case 2: _2 = value; break;
                    case 3: _3 = value; break;
                    case 4: _4 = value; break;
                    case 5: _5 = value; break;
                    default: throw new ArgumentOutOfRangeException(nameof(index));
                }
            }
        }
    }
#endif
}
