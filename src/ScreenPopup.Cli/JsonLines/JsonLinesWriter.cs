using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ScreenPopup.Cli.JsonLines;

/// <summary>
/// Writes one compact JSON document per line through one <see cref="Utf8JsonWriter"/> into a buffer that goes to the
/// stream in 64 KB writes: no string is made of a document. (A <see cref="Utf8JsonWriter"/> over the
/// <see cref="Stream"/> itself would flush that stream on every <see cref="Utf8JsonWriter.Flush"/>: a write per line.)
/// </summary>
internal sealed class JsonLinesWriter : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(2 * ChunkSize);
    private readonly Utf8JsonWriter _json;

    /// <summary>A writer to <paramref name="output"/>, escaping with <paramref name="encoder"/> (<see langword="null"/>: System.Text.Json's default, as <see cref="JsonSerializer"/> does).</summary>
    public JsonLinesWriter(Stream output, JavaScriptEncoder? encoder)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = encoder, Indented = false });
    }

    /// <summary>Writes <paramref name="value"/> and a newline.</summary>
    public void WriteLine<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        JsonSerializer.Serialize(_json, value, typeInfo);
        _json.Flush(); // into the buffer: no I/O
        _json.Reset();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= ChunkSize)
        {
            WriteOut();
        }
    }

    /// <summary>Writes what is buffered to the stream and flushes it.</summary>
    public void Flush()
    {
        WriteOut();
        _output.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    private void WriteOut()
    {
        _output.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }
}
