using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using ScreenPopup.Placeholders;

namespace ScreenPopup.Scripting;

/// <summary>
/// The <c>$</c>-patterns of a <c>replace</c> or <c>replaceAll</c> replacement string (<c>$$</c>, <c>$&amp;</c>,
/// <c>$`</c>, <c>$'</c>, <c>$1</c>–<c>$99</c>, <c>$&lt;name&gt;</c>), expanded as the standard's GetSubstitution does, except
/// that text they copy from the string being searched cannot carry a placeholder mark: a mark in a copy is broken, so the
/// copy is a fragment of a mark and the URL holding it is <see cref="PopupReason.InvalidUrl"/>.
/// </summary>
/// <remarks>
/// Every replacement string with a <c>$</c> is expanded here, by a <see cref="BoundedReplacement"/> that counts what each
/// expansion adds. Without the marks' protection, caller data in the replacement steered where the admin's placeholder was copied:
/// <c>'https://crm.example/sso?token={$ACCESS_TOKEN}&amp;returnUrl=R'.replace(/R/, chat.page)</c> with the page
/// <c>https://evil.example/?x=$`</c> put a second, bound token into the caller's return URL.
/// </remarks>
internal static class ReplacementPatterns
{
    /// <summary>
    /// What <paramref name="template"/> expands to for one match, given the arguments a replacement function receives (the
    /// match, the captures, the position, the string, and the named captures when there are any), as the standard's
    /// GetSubstitution does, with copies of searched text unable to carry a mark.
    /// </summary>
    public static string Substitute(Engine engine, string template, JsValue[] args)
    {
        var groups = NamedCaptures(engine, args);
        var hasGroups = groups is not null;
        var str = TypeConverter.ToString(args[hasGroups ? ^2 : ^1]);
        var position = (int)TypeConverter.ToNumber(args[hasGroups ? ^3 : ^2]);
        var matched = TypeConverter.ToString(args[0]);
        var captures = args.AsSpan(1, args.Length - (hasGroups ? 4 : 3));

        var result = new StringBuilder(template.Length + matched.Length);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '$' || i + 1 == template.Length)
            {
                result.Append(c);
                continue;
            }

            var next = template[i + 1];
            switch (next)
            {
                case '$':
                    result.Append('$');
                    i++;
                    break;
                case '&':
                    result.Append(Copied(matched));
                    i++;
                    break;
                case '`':
                    result.Append(Copied(str[..Math.Min(position, str.Length)]));
                    i++;
                    break;
                case '\'':
                    result.Append(Copied(str[Math.Min(position + matched.Length, str.Length)..]));
                    i++;
                    break;
                case >= '0' and <= '9':
                    i += AppendCapture(result, template, i, captures);
                    break;
                case '<':
                    i += AppendNamedCapture(result, template, i, groups);
                    break;
                default:
                    result.Append('$');
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>Appends <c>$n</c> or <c>$nn</c> at <paramref name="dollar"/>; returns how many characters after the <c>$</c> it used.</summary>
    private static int AppendCapture(StringBuilder result, string template, int dollar, ReadOnlySpan<JsValue> captures)
    {
        var digitCount = dollar + 2 < template.Length && char.IsAsciiDigit(template[dollar + 2]) ? 2 : 1;
        var index = int.Parse(template.AsSpan(dollar + 1, digitCount), System.Globalization.CultureInfo.InvariantCulture);
        if (index > captures.Length && digitCount == 2)
        {
            digitCount = 1;
            index = template[dollar + 1] - '0';
        }

        if (index >= 1 && index <= captures.Length)
        {
            result.Append(captures[index - 1].IsUndefined() ? "" : Copied(TypeConverter.ToString(captures[index - 1])));
        }
        else
        {
            result.Append(template, dollar, 1 + digitCount);
        }

        return digitCount;
    }

    /// <summary>Appends <c>$&lt;name&gt;</c> at <paramref name="dollar"/>; returns how many characters after the <c>$</c> it used.</summary>
    private static int AppendNamedCapture(StringBuilder result, string template, int dollar, ObjectInstance? groups)
    {
        var close = template.IndexOf('>', dollar + 2);
        if (close < 0 || groups is null)
        {
            result.Append("$<");
            return 1;
        }

        var capture = groups.Get(template[(dollar + 2)..close]);
        if (!capture.IsUndefined())
        {
            result.Append(Copied(TypeConverter.ToString(capture)));
        }

        return close - dollar;
    }

    /// <summary>
    /// The named captures among a replacement function's arguments, converted as the standard converts them for a
    /// replacement string (<c>ToObject</c>: a <c>TypeError</c> for <c>null</c>), or <see langword="null"/> when there are
    /// none: the argument after the string being searched, which is always a string, is present only then.
    /// </summary>
    public static ObjectInstance? NamedCaptures(Engine engine, JsValue[] args) =>
        args.Length >= 4 && args[^1] is not JsString ? BuiltIns.ToObject(engine, args[^1]) : null;

    private static string Copied(string text) => PlaceholderMarks.BreakMarks(text);
}
