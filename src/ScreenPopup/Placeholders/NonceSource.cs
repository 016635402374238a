using System.Security.Cryptography;

namespace ScreenPopup.Placeholders;

/// <summary>
/// Random bytes for placeholder marks, from the cryptographic generator in blocks: one call to it costs about 2 µs on
/// Linux whatever the size (measured: 12 bytes 2.1 µs, 12 bytes of a 4 KB block 9 ns), more than the rest of a decision's
/// binding. One per engine: not thread-safe. Bytes handed out are cleared from the block.
/// </summary>
internal sealed class NonceSource
{
    private readonly byte[] _block = new byte[4096];
    private int _next;

    public NonceSource() => _next = _block.Length;

    /// <summary>Fills <paramref name="target"/> with random bytes never handed out before.</summary>
    public void Fill(Span<byte> target)
    {
        if (_next + target.Length > _block.Length)
        {
            RandomNumberGenerator.Fill(_block);
            _next = 0;
        }

        var taken = _block.AsSpan(_next, target.Length);
        taken.CopyTo(target);
        taken.Clear();
        _next += target.Length;
    }
}
