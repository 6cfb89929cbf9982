using System.Buffers.Binary;

namespace Serverless.Contracts;

/// <summary>
/// The layout of a 16-bit PCM WAV file: the format of the prepared speech the planner measures and the splitter
/// cuts. Reading walks the RIFF chunks (ffmpeg writes a LIST chunk before the data); writing emits the canonical
/// 44-byte header.
/// </summary>
public sealed record Pcm16Wav(int SampleRate, int Channels, long DataOffset, long DataBytes)
{
    public const int HeaderBytes = 44;

    public int BlockAlign => Channels * 2;

    public long Samples => DataBytes / BlockAlign;

    /// <summary>Reads the header; throws <see cref="InvalidDataException"/> when the file is not 16-bit PCM WAV.</summary>
    public static Pcm16Wav Read(Stream stream)
    {
        var length = stream.Length;
        Span<byte> head = stackalloc byte[12];
        stream.Position = 0;
        stream.ReadExactly(head);
        if (!head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException("Not a RIFF/WAVE file.");

        int? sampleRate = null,
            channels = null;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> format = stackalloc byte[16];
        var position = 12L;
        while (position + 8 <= length)
        {
            stream.Position = position;
            stream.ReadExactly(chunk);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            var body = position + 8;
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size < 16)
                    throw new InvalidDataException("The fmt chunk is too short.");
                stream.ReadExactly(format);
                var tag = BinaryPrimitives.ReadUInt16LittleEndian(format);
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(format[14..]);
                // 0xFFFE (extensible) is accepted only for the plain PCM layout it then describes.
                if (tag is not (1 or 0xFFFE) || bits != 16)
                    throw new InvalidDataException($"Not 16-bit PCM (format {tag}, {bits} bits).");
                channels = BinaryPrimitives.ReadUInt16LittleEndian(format[2..]);
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(format[4..]);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (sampleRate is not { } rate || channels is not ({ } ch and > 0))
                    throw new InvalidDataException("The data chunk comes before the fmt chunk.");
                // A streamed WAV may leave the size unset (0 or 0xFFFFFFFF): the data runs to the end of the file.
                var available = length - body;
                var bytes = size == 0 || size == uint.MaxValue || size > available ? available : size;
                return new Pcm16Wav(rate, ch, body, bytes - bytes % (ch * 2));
            }
            position = body + size + (size & 1);
        }
        throw new InvalidDataException("The WAV file has no data chunk.");
    }

    public static Pcm16Wav Read(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file);
    }

    /// <summary>The canonical header of a file holding <paramref name="samples"/> samples in this format.</summary>
    public byte[] HeaderFor(long samples)
    {
        var dataBytes = checked((uint)(samples * BlockAlign));
        var header = new byte[HeaderBytes];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], (short)Channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * BlockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)BlockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], dataBytes);
        return header;
    }
}
