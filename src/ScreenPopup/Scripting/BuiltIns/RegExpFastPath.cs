using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace ScreenPopup.Scripting;

/// <summary>
/// The common case of <c>text.replace(regex, literal)</c> done with .NET's regex directly, with exactly the standard's
/// result: <c>cli.replace(/[^0-9+]/g, '')</c> took about 1.1 µs in Jint's standard algorithm and 0.4 µs here (one
/// hardened engine, the statement evaluated alone). Property tests compare it with the engine's implementation.
/// </summary>
internal static class RegExpFastPath
{
    private static readonly JsString LastIndexKey = new("lastIndex");

    /// <summary>
    /// <c>regex[Symbol.replace](text, literal)</c> (what <c>text.replace(regex, literal)</c> calls), the string and the
    /// replacement already converted, for the common case: a regular expression
    /// <see cref="IsPlainDotNetRegex"/> accepts, and a replacement string without <c>$</c> that cannot build a string past
    /// <paramref name="maxStringLength"/>. Then nothing the standard algorithm reads can have been changed by the script,
    /// and the engine's own regex gives the same matches; <c>lastIndex</c> ends at 0 for a global regex, as the standard
    /// leaves it.
    /// </summary>
    /// <returns>False when the call is not such a case (nothing has happened then).</returns>
    /// <remarks>With <c>ownPropertiesChecked</c>, the caller has already found no own property on the regex but <c>lastIndex</c>.</remarks>
    public static bool TryReplace(ObjectInstance regExpPrototype, string text, JsValue pattern, JsValue replacement, int maxStringLength, out JsValue result, bool ownPropertiesChecked = false)
    {
        result = JsValue.Undefined;
        if (pattern is not JsRegExp regExp || replacement is not JsString literal || !IsPlainDotNetRegex(regExpPrototype, regExp, out var regex, ownPropertiesChecked))
        {
            return false;
        }

        var replacementText = literal.ToString();
        if (replacementText.Contains('$', StringComparison.Ordinal) || !ReplacementFits(text.Length, replacementText.Length, maxStringLength))
        {
            return false;
        }

        if (!regExp.Global)
        {
            result = regex.Replace(text, replacementText, count: 1);
            return true;
        }

        result = regex.Replace(text, replacementText);
        regExp.Set(LastIndexKey, JsNumber.Create(0), throwOnError: true);
        return true;
    }

    /// <summary>
    /// Whether the engine runs <paramref name="regExp"/> as the .NET <paramref name="regex"/> and nothing the standard's
    /// algorithms read from it can have been changed by a script: no <c>y</c>, <c>u</c> or <c>v</c> flag, the engine's own
    /// (frozen) prototype, and no own property but a writable numeric <c>lastIndex</c>. Checked in this order, cheapest first.
    /// </summary>
    /// <remarks>With <c>ownPropertiesChecked</c>, the caller has already found no own property but <c>lastIndex</c>, and the count is not taken again.</remarks>
    public static bool IsPlainDotNetRegex(ObjectInstance regExpPrototype, JsRegExp regExp, [NotNullWhen(true)] out Regex? regex, bool ownPropertiesChecked = false)
    {
        regex = regExp.ParseResult.ConversionResult as Regex;
        if (regex is null || regExp.Sticky || regExp.FullUnicode || regExp.UnicodeSets)
        {
            return false;
        }

        var lastIndex = regExp.GetOwnProperty(LastIndexKey);
        return lastIndex.IsDataDescriptor() && lastIndex.Writable && lastIndex.Value is JsNumber
            && (ownPropertiesChecked ? ReferenceEquals(regExp.Prototype, regExpPrototype) : IsPlain(regExpPrototype, regExp));
    }

    /// <summary>
    /// A regular expression with the built-in (frozen) prototype and no own property but <c>lastIndex</c>: its
    /// <c>Symbol.replace</c>, <c>Symbol.match</c>, <c>flags</c> and <c>exec</c> are the built-ins', and reading them runs
    /// no script code.
    /// </summary>
    public static bool IsPlain(ObjectInstance regExpPrototype, JsRegExp regExp) =>
        ReferenceEquals(regExp.Prototype, regExpPrototype) && regExp.GetOwnPropertyKeys(Types.String | Types.Symbol).Count == 1;

    /// <summary>
    /// Whether replacing with a literal of <paramref name="replacementLength"/> characters cannot build a string past
    /// <paramref name="max"/>, even if every position of the input matched (an empty match before each character and at the end).
    /// </summary>
    public static bool ReplacementFits(int inputLength, int replacementLength, int max) =>
        inputLength + ((double)inputLength + 1) * replacementLength <= max;
}
