using ScreenPopup.Cli.JsonLines;
using ScreenPopup.Serialization;

namespace ScreenPopup.Cli;

/// <summary>
/// Reads <c>--request</c>: one request (<c>.json</c>), or JSON Lines (<c>.jsonl</c>, or <c>-</c> for standard input)
/// one line at a time, so memory stays flat in the number of requests.
/// </summary>
internal sealed class RequestReader
{
    /// <summary>The <c>--request</c> value that reads standard input.</summary>
    public const string StandardInput = "-";

    private readonly string _name;
    private readonly Func<Stream> _open;

    private RequestReader(string name, bool isLines, Func<Stream> open, bool typed = false)
    {
        _name = name;
        IsLines = isLines;
        _open = open;
        IsTyped = typed;
    }

    /// <summary>Whether the requests are JSON Lines (each decision is then written as one compact line).</summary>
    public bool IsLines { get; }

    /// <summary>The length in bytes of the line <see cref="Lines"/> returned last.</summary>
    public int LastLineBytes { get; private set; }

    /// <summary>Whether the requests are typed at a terminal: each decision is then shown as soon as its line is read.</summary>
    public bool IsTyped { get; }

    /// <summary>A reader for the <c>--request</c> value.</summary>
    /// <exception cref="CliException">The file is missing or has another extension.</exception>
    public static RequestReader Open(string request, ToolConsole console)
    {
        if (request == StandardInput)
        {
            if (console.InputIsClosed)
            {
                throw new CliException("stdin: the tool was started without standard input (descriptor 0 closed); pipe the requests into it, or give --request FILE.jsonl");
            }

            return new RequestReader("stdin", isLines: true, () => console.Input, typed: console.InputIsTerminal);
        }

        var isLines = request.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        if (!isLines && !request.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"{request}: a request file is .json (one request) or .jsonl (one request per line), or - for JSON Lines on standard input");
        }

        if (!File.Exists(request))
        {
            throw new CliException($"{request}: the request file does not exist");
        }

        return new RequestReader(request, isLines, () => File.OpenRead(request));
    }

    /// <summary>The one request of a <c>.json</c> file.</summary>
    /// <exception cref="CliException">The command takes one request, or the JSON is invalid (named with line and column).</exception>
    public PopupRequest Single(string command)
    {
        if (IsLines)
        {
            throw new CliException($"{_name}: {command} takes one request (.json)");
        }

        // Read as UTF-8 bytes, as JSON Lines are: text that is not UTF-8 is an error named with its place, never
        // replaced silently (a caller id with U+FFFD in it).
        using var stream = _open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        var json = bytes.GetBuffer().AsSpan(0, (int)bytes.Length);
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        try
        {
            return PopupJson.DeserializeRequest(json);
        }
        catch (PopupJsonException e)
        {
            throw Invalid(e, line: e.Line);
        }
    }

    /// <summary>The requests in order, each read when the previous one has been used; blank lines are skipped.</summary>
    /// <exception cref="CliException">A line is not a valid request (named with its line and column) or is too long, or there is no request.</exception>
    public IEnumerable<PopupRequest> Lines()
    {
        var stream = _open();
        try
        {
            var reader = new JsonLinesReader(stream);
            var any = false;
            while (true)
            {
                PopupRequest request;
                try
                {
                    if (!reader.TryReadLine(out var line))
                    {
                        break;
                    }

                    if (line.IndexOfAnyExcept(" \t\r\f\v"u8) < 0)
                    {
                        continue;
                    }

                    request = PopupJson.DeserializeRequest(line);
                    LastLineBytes = line.Length;
                }
                catch (PopupJsonException e)
                {
                    throw Invalid(e, reader.LineNumber);
                }
                catch (InvalidDataException e)
                {
                    throw new CliException($"{_name}: {e.Message}");
                }

                any = true;
                yield return request;
            }

            if (!any)
            {
                throw new CliException($"{_name}: holds no request");
            }
        }
        finally
        {
            if (_name != "stdin")
            {
                stream.Dispose();
            }
        }
    }

    /// <summary><c>file(line,col): invalid request at $.path: problem</c>, the position counted in the file.</summary>
    private CliException Invalid(PopupJsonException e, long? line)
    {
        var position = line is { } l ? e.Column is { } c ? $"({l},{c})" : $"({l})" : "";
        var path = e.JsonPath is { } p ? $" at {p}" : "";
        return new CliException($"{_name}{position}: invalid request{path}: {e.Problem ?? e.Message}");
    }
}
