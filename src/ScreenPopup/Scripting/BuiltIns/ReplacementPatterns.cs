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
    /// GetSubstitution does, with copies of searched text unable to carry a mark; <see langword="null"/> as soon as the
    /// expansion would pass <paramref name="budget"/> characters, before the piece that would pass it is copied (a
    /// template of many <c>$'</c> copies the rest of a long string each time: gigabytes in one call otherwise).
    /// </summary>
    public static string? Substitute(Engine engine, string template, JsValue[] args, long budget)
    {
        var groups = NamedCaptures(engine, args);
        var hasGroups = groups is not null;
        var str = TypeConverter.ToString(args[hasGroups ? ^2 : ^1]);
        var position = (int)Math.Clamp(TypeConverter.ToNumber(args[hasGroups ? ^3 : ^2]), 0, str.Length);
        var matched = TypeConverter.ToString(args[0]);
        var captures = args.AsSpan(1, args.Length - (hasGroups ? 4 : 3));

        var result = new StringBuilder(Math.Min(template.Length + matched.Length, 256));
        var lastClose = template.LastIndexOf('>');
        // Text copied from the string searched (or the match's parts) cannot carry a mark; the template's own text can.
        bool Copy(string source, int start, int length, bool fromSearched)
        {
            if (result.Length + (long)length > budget)
            {
                return false;
            }

            var from = result.Length;
            result.Append(source, start, length);
            if (fromSearched)
            {
                PlaceholderMarks.BreakMarks(result, from);
            }

            return true;
        }

        for (var i = 0; i < template.Length; i++)
        {
            var next = template[i] == '$' && i + 1 < template.Length ? template[i + 1] : '\0';
            bool copied;
            switch (next)
            {
                case '$':
                    copied = Copy("$", 0, 1, fromSearched: false);
                    i++;
                    break;
                case '&':
                    copied = Copy(matched, 0, matched.Length, fromSearched: true);
                    i++;
                    break;
                case '`':
                    copied = Copy(str, 0, position, fromSearched: true);
                    i++;
                    break;
                case '\'':
                    var end = Math.Min(position + matched.Length, str.Length);
                    copied = Copy(str, end, str.Length - end, fromSearched: true);
                    i++;
                    break;
                case >= '0' and <= '9':
                    copied = AppendCapture(template, ref i, captures, Copy);
                    break;
                case '<':
                    copied = AppendNamedCapture(engine, template, ref i, groups, lastClose, Copy);
                    break;
                default:
                    copied = Copy(template, i, 1, fromSearched: false);
                    break;
            }

            if (!copied)
            {
                return null;
            }
        }

        return result.ToString();
    }

    /// <summary>Copies <c>$n</c> or <c>$nn</c> at <paramref name="dollar"/>, moving it past what it used.</summary>
    private static bool AppendCapture(string template, ref int dollar, ReadOnlySpan<JsValue> captures, Func<string, int, int, bool, bool> copy)
    {
        var digitCount = dollar + 2 < template.Length && char.IsAsciiDigit(template[dollar + 2]) ? 2 : 1;
        var index = int.Parse(template.AsSpan(dollar + 1, digitCount), System.Globalization.CultureInfo.InvariantCulture);
        if (index > captures.Length && digitCount == 2)
        {
            digitCount = 1;
            index = template[dollar + 1] - '0';
        }

        var start = dollar;
        dollar += digitCount;
        if (index >= 1 && index <= captures.Length)
        {
            var capture = captures[index - 1].IsUndefined() ? "" : TypeConverter.ToString(captures[index - 1]);
            return copy(capture, 0, capture.Length, true);
        }

        return copy(template, start, 1 + digitCount, false);
    }

    /// <summary>
    /// Copies <c>$&lt;name&gt;</c> at <paramref name="dollar"/>, moving it past what it used. Without named captures, or
    /// past the template's last <c>&gt;</c> (<paramref name="lastClose"/>), it is the text <c>$&lt;</c>, found without a
    /// search (a template of <c>$&lt;</c> repeated would otherwise search to its end each time). Each lookup checks the
    /// engine's limits first: a named capture's getter may be a built-in that runs no statement.
    /// </summary>
    private static bool AppendNamedCapture(Engine engine, string template, ref int dollar, ObjectInstance? groups, int lastClose, Func<string, int, int, bool, bool> copy)
    {
        if (groups is null || lastClose < dollar + 2)
        {
            dollar += 1;
            return copy("$<", 0, 2, false);
        }

        var close = template.IndexOf('>', dollar + 2);
        engine.Constraints.Check();
        var capture = groups.Get(template[(dollar + 2)..close]);
        dollar = close;
        var text = capture.IsUndefined() ? "" : TypeConverter.ToString(capture);
        return copy(text, 0, text.Length, true);
    }

    /// <summary>
    /// The named captures among a replacement function's arguments, converted as the standard converts them for a
    /// replacement string (<c>ToObject</c>: a <c>TypeError</c> for <c>null</c>, a string object for a string), or
    /// <see langword="null"/> when there are none (<see cref="HasNamedCaptures"/>).
    /// </summary>
    public static ObjectInstance? NamedCaptures(Engine engine, JsValue[] args) =>
        HasNamedCaptures(args) ? BuiltIns.ToObject(engine, args[^1]) : null;

    /// <summary>
    /// Whether the arguments end with named captures: then the one before last is the searched string, otherwise it is
    /// the position, the only number among them (captures are strings or <c>undefined</c>).
    /// </summary>
    private static bool HasNamedCaptures(JsValue[] args) => args.Length >= 4 && args[^2] is not JsNumber;

}
