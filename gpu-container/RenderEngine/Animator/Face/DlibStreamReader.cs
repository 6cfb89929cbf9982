namespace Serverless.RenderEngine.Animator.Face;

/// <summary>
/// Reads the primitives of dlib's portable serialization: integers as a control byte (byte count in the low
/// nibble, sign in the high bit) followed by that many little-endian bytes, and floating-point numbers as an
/// integer mantissa and a 16-bit exponent (value = mantissa × 2^exponent).
/// </summary>
internal sealed class DlibStreamReader(Stream stream, string name)
{
    private const short Infinity = 32000;
    private const short NegativeInfinity = 32001;
    private const short NotANumber = 32002;

    private readonly byte[] _buffer = new byte[1 << 16];
    private int _count;
    private int _next;
    private long _consumed;

    /// <summary>How many bytes have been read so far (for error messages).</summary>
    public long Position => _consumed + _next;

    public ulong ReadUnsigned(int maxBytes = 8)
    {
        var control = ReadByte();
        var size = control & 0x8F;
        if (size == 0 || size > maxBytes)
            throw Malformed($"an unsigned integer has the invalid control byte 0x{control:x2}");
        return ReadMagnitude(size);
    }

    public long ReadSigned(int maxBytes = 8)
    {
        var control = ReadByte();
        var size = control & 0x0F;
        if (size == 0 || size > maxBytes)
            throw Malformed($"a signed integer has the invalid control byte 0x{control:x2}");
        var magnitude = (long)ReadMagnitude(size);
        return (control & 0x80) != 0 ? -magnitude : magnitude;
    }

    /// <summary>A count of items that follow, bounded so that a corrupt file cannot ask for gigabytes.</summary>
    public int ReadCount(long max, string what)
    {
        var count = ReadUnsigned();
        if (count > (ulong)max)
            throw Malformed($"{what} has {count} items, more than the {max} expected");
        return (int)count;
    }

    public float ReadFloat()
    {
        // The binary format's control byte never has bits 0x70 set; dlib's older ASCII format always does.
        if ((PeekByte() & 0x70) != 0)
            throw Malformed("a number is in dlib's old text format, which is not supported");
        var mantissa = ReadSigned();
        var exponent = (short)ReadSigned(maxBytes: 2);
        return exponent switch
        {
            Infinity => float.PositiveInfinity,
            NegativeInfinity => float.NegativeInfinity,
            NotANumber => float.NaN,
            _ => (float)Math.ScaleB(mantissa, exponent),
        };
    }

    public InvalidDataException Malformed(string problem) =>
        new($"{name} is not a usable dlib shape predictor: {problem} (at byte {Position}).");

    private ulong ReadMagnitude(int size)
    {
        ulong value = 0;
        for (var i = 0; i < size; i++)
            value |= (ulong)ReadByte() << (8 * i);
        return value;
    }

    private byte ReadByte()
    {
        if (_next == _count && !Fill())
            throw Malformed("the file ends early (truncated?)");
        return _buffer[_next++];
    }

    private byte PeekByte()
    {
        if (_next == _count && !Fill())
            throw Malformed("the file ends early (truncated?)");
        return _buffer[_next];
    }

    private bool Fill()
    {
        _consumed += _count;
        _next = 0;
        _count = stream.Read(_buffer, 0, _buffer.Length);
        return _count > 0;
    }
}
