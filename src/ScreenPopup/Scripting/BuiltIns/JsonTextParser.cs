using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Runtime;

namespace ScreenPopup.Scripting;

/// <summary>
/// <c>JSON.parse</c> without a reviver, as the sandbox runs it: the grammar of ECMA-404, read the way ECMA-262's
/// <c>JSON.parse</c> reads it, building the same values. Each member is an ordinary own data property, so a
/// <c>"__proto__"</c> key is an ordinary own property and a repeated key keeps its first position and its last value.
/// Errors are <c>SyntaxError</c>s naming the position.
/// </summary>
/// <remarks>
/// Jint's own parser allocated about 13 KB to parse a 32-character chat payload (scripts commonly parse
/// <c>CALL_CHANNELDATA</c>); this one allocates only the values it builds. Nesting deeper than <see cref="MaxDepth"/> is
/// a <c>SyntaxError</c> (the depth Jint's parser allows), and an array longer than
/// <see cref="SandboxLimits.MaxArrayLength"/> a sandbox-limit <c>RangeError</c>: neither recursion nor allocation is
/// unbounded.
/// </remarks>
internal ref struct JsonTextParser
{
    /// <summary>How deeply objects and arrays may nest, as in Jint's own parser.</summary>
    public const int MaxDepth = 64;

    private readonly Engine _engine;
    private readonly JsonErrors _errors;
    private readonly ReadOnlySpan<char> _text;
    private readonly int _maxArrayLength;
    private int _position;

    private JsonTextParser(Engine engine, JsonErrors errors, ReadOnlySpan<char> text, int maxArrayLength)
    {
        _engine = engine;
        _errors = errors;
        _text = text;
        _maxArrayLength = maxArrayLength;
    }

    /// <summary>Parses a whole JSON text into engine values.</summary>
    /// <exception cref="JavaScriptException">A <c>SyntaxError</c> for text that is not JSON; a <c>RangeError</c> for an array over the limit.</exception>
    public static JsValue Parse(Engine engine, JsonErrors errors, string text, int maxArrayLength)
    {
        var parser = new JsonTextParser(engine, errors, text, maxArrayLength);
        parser.SkipWhitespace();
        var value = parser.ParseValue(depth: 0);
        parser.SkipWhitespace();
        if (parser._position < text.Length)
        {
            throw parser.Unexpected();
        }

        return value;
    }

    private readonly char Current => _position < _text.Length ? _text[_position] : '\0';

    private JsValue ParseValue(int depth)
    {
        switch (Current)
        {
            case '{':
                return ParseObject(Deeper(depth));
            case '[':
                return ParseArray(Deeper(depth));
            case '"':
                return JsString.Create(ParseString());
            case 't':
                ExpectWord("true");
                return JsBoolean.True;
            case 'f':
                ExpectWord("false");
                return JsBoolean.False;
            case 'n':
                ExpectWord("null");
                return JsValue.Null;
            case '-' or (>= '0' and <= '9'):
                return ParseNumber();
            default:
                throw Unexpected();
        }
    }

    private readonly int Deeper(int depth) =>
        depth < MaxDepth ? depth + 1 : throw Error(_errors.Syntax, $"JSON nested deeper than {MaxDepth} levels at position {_position}");

    private JsObject ParseObject(int depth)
    {
        _position++;
        var result = new JsObject(_engine);
        SkipWhitespace();
        if (Current == '}')
        {
            _position++;
            return result;
        }

        while (true)
        {
            if (Current != '"')
            {
                throw Unexpected();
            }

            var key = ParseString();
            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            // A plain data property on a new ordinary object, as CreateDataProperty makes it; set directly because Jint's
            // CreateDataProperty keeps -0 when a repeated key brings +0 (it compares the values with ==, not SameValue).
            result.FastSetDataProperty(key, ParseValue(depth));
            SkipWhitespace();
            if (!MoreItems('}'))
            {
                return result;
            }
        }
    }

    private JsArray ParseArray(int depth)
    {
        _position++;
        SkipWhitespace();
        if (Current == ']')
        {
            _position++;
            return new JsArray(_engine);
        }

        var items = new List<JsValue>();
        while (true)
        {
            items.Add(ParseValue(depth));
            if (items.Count > _maxArrayLength)
            {
                throw Error(_errors.Range, $"{BuiltIns.RefusalPrefix}JSON.parse of an array longer than {_maxArrayLength} elements (Sandbox.MaxArrayLength)");
            }

            SkipWhitespace();
            if (!MoreItems(']'))
            {
                return new JsArray(_engine, [.. items]);
            }
        }
    }

    /// <summary>After an item: true and past the comma when another follows, false and past the closing bracket at the end.</summary>
    private bool MoreItems(char closing)
    {
        if (Current == ',')
        {
            _position++;
            SkipWhitespace();
            return true;
        }

        Expect(closing);
        return false;
    }

    private string ParseString()
    {
        _position++;
        var start = _position;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                return _text[start..(_position - 1)].ToString();
            }

            if (c == '\\')
            {
                return ParseEscapedString(start);
            }

            if (c < ' ')
            {
                throw Unexpected();
            }

            _position++;
        }

        throw Unexpected();
    }

    /// <summary>The rest of a string that has escapes, from its first backslash.</summary>
    private string ParseEscapedString(int start)
    {
        var builder = StringBuilderCache.Acquire(_position - start + 16);
        builder.Append(_text[start.._position]);
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                return StringBuilderCache.GetStringAndRelease(builder);
            }

            if (c < ' ')
            {
                throw Unexpected();
            }

            _position++;
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            builder.Append(Current switch
            {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => ParseUnicodeEscape(),
                _ => throw Unexpected(),
            });
            _position++;
        }

        throw Unexpected();
    }

    /// <summary>The four hex digits after <c>\u</c>; leaves the position on the last one.</summary>
    private char ParseUnicodeEscape()
    {
        if (_position + 4 >= _text.Length || !ushort.TryParse(_text.Slice(_position + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            _position = Math.Min(_position + 1, _text.Length);
            throw Error(_errors.Syntax, $"Bad Unicode escape in JSON at position {_position}");
        }

        _position += 4;
        return (char)code;
    }

    private JsNumber ParseNumber()
    {
        var start = _position;
        if (Current == '-')
        {
            _position++;
        }

        if (Current == '0')
        {
            _position++;
        }
        else
        {
            SkipDigits();
        }

        var isInteger = true;
        if (Current == '.')
        {
            _position++;
            SkipDigits();
            isInteger = false;
        }

        if (Current is 'e' or 'E')
        {
            _position++;
            if (Current is '+' or '-')
            {
                _position++;
            }

            SkipDigits();
            isInteger = false;
        }

        var number = _text[start.._position];
        return isInteger && number.Length <= 9 && !number.StartsWith("-0")
            ? JsNumber.Create(int.Parse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))
            : JsNumber.Create(double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>One digit or more.</summary>
    private void SkipDigits()
    {
        if (!char.IsAsciiDigit(Current))
        {
            throw Unexpected();
        }

        while (char.IsAsciiDigit(Current))
        {
            _position++;
        }
    }

    private void ExpectWord(string word)
    {
        foreach (var c in word)
        {
            Expect(c);
        }
    }

    private void Expect(char expected)
    {
        if (Current != expected)
        {
            throw Unexpected();
        }

        _position++;
    }

    private void SkipWhitespace()
    {
        while (Current is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    private readonly JavaScriptException Unexpected()
    {
        if (_position >= _text.Length)
        {
            return Error(_errors.Syntax, $"Unexpected end of JSON input at position {_position}");
        }

        var c = _text[_position];
        var shown = char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}'";
        return Error(_errors.Syntax, $"Unexpected token {shown} in JSON at position {_position}");
    }

    private static JavaScriptException Error(ErrorConstructor constructor, string message) => new(constructor, message);
}

/// <summary>The error constructors a JSON parse throws with, taken from an engine's pristine globals (a script may replace the globals).</summary>
internal readonly record struct JsonErrors(ErrorConstructor Syntax, ErrorConstructor Range)
{
    /// <summary>The constructors of a new engine, before any script has run.</summary>
    public static JsonErrors Of(Engine engine) =>
        new((ErrorConstructor)engine.Global.Get("SyntaxError"), (ErrorConstructor)engine.Global.Get("RangeError"));
}
