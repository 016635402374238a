using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ScreenPopup.AspNetCore.Streams;

/// <summary>JSON written with a <see cref="Utf8JsonWriter"/>, as the text an event's data is.</summary>
internal static class JsonText
{
    public static string Of(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
