using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ScreenPopup.Serialization;

/// <summary>
/// What is wrong with a request or decision, in the wire format's words. System.Text.Json's own messages name .NET types
/// (often the containing one: a number for <c>CALL_CLI</c> "could not be converted to ScreenPopup.CallVariables") and
/// count lines from 0; this finds the member at the error's JSON path in the wire contract and says what it expects.
/// </summary>
internal static class JsonErrorDescription
{
    private const string ConversionMessageStart = "The JSON value could not be converted to ";
    private const string MissingRequiredMarker = "was missing required properties including: ";

    /// <summary>The problem without System.Text.Json's position suffix or .NET type names, such as <c>expected a string</c>.</summary>
    public static string Problem(JsonException exception, JsonTypeInfo root)
    {
        // Text a string cannot hold: System.Text.Json reports it as a failed conversion of the member, which would read
        // "expected a string" for a value that is one.
        if (exception.InnerException is InvalidOperationException { InnerException: System.Text.DecoderFallbackException })
        {
            return "a string is not valid UTF-8; send the text as UTF-8";
        }

        if (exception.InnerException is InvalidOperationException invalid && invalid.Message.Contains("UTF-16", StringComparison.Ordinal))
        {
            return "a string holds an unpaired surrogate escape (\\uD800 to \\uDFFF without its pair)";
        }

        var message = WithoutPositionSuffix(exception.Message);
        if (message.StartsWith(ConversionMessageStart, StringComparison.Ordinal))
        {
            return "expected " + Expected(TypeAt(root, exception.Path));
        }

        var missing = message.IndexOf(MissingRequiredMarker, StringComparison.Ordinal);
        if (missing >= 0)
        {
            return "the required member " + message[(missing + MissingRequiredMarker.Length)..].TrimEnd('.') + " is missing";
        }

        return message.TrimEnd('.');
    }

    /// <summary>System.Text.Json appends <c>Path: … | LineNumber: … | BytePositionInLine: ….</c>; the exception carries them as properties.</summary>
    private static string WithoutPositionSuffix(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                return message[..at];
            }
        }

        return message;
    }

    /// <summary>The .NET type of the member at a JSON path such as <c>$.call.CALL_POPUPINFO[0]</c>, or <see langword="null"/> when the path leaves the contract.</summary>
    private static Type? TypeAt(JsonTypeInfo root, string? path)
    {
        if (path is null || !path.StartsWith('$'))
        {
            return null;
        }

        var info = root;
        var type = root.Type;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                type = Member(info, path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                type = Member(info, path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    return null;
                }

                type = ElementType(type);
                i = end + 1;
            }
            else
            {
                return null;
            }

            if (type is null)
            {
                return null;
            }

            info = root.Options.GetTypeInfo(type);
        }

        return type;
    }

    private static Type? Member(JsonTypeInfo info, string name) =>
        info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;

    private static Type? ElementType(Type? type) =>
        type is null ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var element] ? element
        : null;

    /// <summary>What a member of that type is on the wire (enums say it themselves: <see cref="WireEnumConverter{TEnum}"/>).</summary>
    private static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "a value of another type",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when ElementType(type) is { } element && type != typeof(string) => "an array of " + Plural(Expected(element)),
            _ => "an object",
        };
    }

    private static string Plural(string expected) => expected switch
    {
        "a string" => "strings",
        "a whole number" => "whole numbers",
        "an object" => "objects",
        _ => "values (" + expected + ")",
    };
}
