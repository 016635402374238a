namespace ScreenPopup.Cli.JsonLines;

/// <summary>
/// Reads a stream line by line as UTF-8 bytes, through one buffer that grows only for a line longer than itself: no
/// string is made of a line (System.Text.Json reads the bytes), and the whole input is never held. A line longer than
/// <see cref="MaxLineBytes"/> is refused rather than buffered without end. Measured on 100,000 requests: reading
/// lines as strings (<see cref="StreamReader.ReadLine"/>) and parsing those cost a UTF-8 to UTF-16 and back conversion
/// per line, a sixth of the tool's time.
/// </summary>
internal sealed class JsonLinesReader(Stream input)
{
    /// <summary>The longest line read: 16 MB, far above any request (each value is capped much lower by the sandbox).</summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfInput;
    private bool _first = true;

    /// <summary>The number of the line <see cref="TryReadLine"/> returned last, counted from 1.</summary>
    public int LineNumber { get; private set; }

    /// <summary>
    /// The next line, without its <c>\n</c> or <c>\r\n</c> (and without a UTF-8 byte order mark on the first line); the
    /// span is valid until the next call. False at the end of the input.
    /// </summary>
    /// <exception cref="InvalidDataException">The line is longer than <see cref="MaxLineBytes"/>.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0 || (_endOfInput && _end > _start))
            {
                var length = newline >= 0 ? newline : _end - _start;
                line = _buffer.AsSpan(_start, length);
                _start += newline >= 0 ? length + 1 : length;
                LineNumber++;
                if (line.EndsWith("\r"u8))
                {
                    line = line[..^1];
                }

                if (_first)
                {
                    _first = false;
                    if (line.StartsWith("\uFEFF"u8))
                    {
                        line = line[3..];
                    }
                }

                return true;
            }

            if (_endOfInput)
            {
                line = default;
                return false;
            }

            Fill();
        }
    }

    /// <summary>Moves the unread part to the front (or doubles the buffer when it is all unread) and reads more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineBytes)
            {
                throw new InvalidDataException($"line {LineNumber + 1} is longer than {MaxLineBytes / (1024 * 1024)} MB");
            }

            Array.Resize(ref _buffer, Math.Min(MaxLineBytes, _buffer.Length * 2));
        }

        var read = input.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfInput = true;
        }

        _end += read;
    }
}
