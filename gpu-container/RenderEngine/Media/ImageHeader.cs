using System.Buffers.Binary;

namespace Serverless.RenderEngine.Media;

/// <summary>
/// Format and pixel size read from an image's first bytes (PNG IHDR, JPEG SOF, WebP VP8/VP8L/VP8X), so the
/// image is validated without starting a process; decoding problems surface when ffmpeg first reads it.
/// </summary>
public sealed record ImageHeader(string Format, int Width, int Height)
{
    public static ImageHeader? Read(ReadOnlySpan<byte> data)
    {
        var format = ImageFormat.Detect(data);
        return format switch
        {
            "png" when data.Length >= 24 && data[12..16].SequenceEqual("IHDR"u8) => new(
                format,
                (int)BinaryPrimitives.ReadUInt32BigEndian(data[16..]),
                (int)BinaryPrimitives.ReadUInt32BigEndian(data[20..])
            ),
            "jpeg" => ReadJpeg(data),
            "webp" => ReadWebP(data),
            _ => null,
        };
    }

    private static ImageHeader? ReadJpeg(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF)
                return null;
            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                return new(
                    "jpeg",
                    BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]),
                    BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..])
                );
            i += 2 + length;
        }
        return null;
    }

    private static ImageHeader? ReadWebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
            return null;
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
            return new(
                "webp",
                BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF,
                BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF
            );
        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return new("webp", (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8))
            return new("webp", (data[24] | data[25] << 8 | data[26] << 16) + 1, (data[27] | data[28] << 8 | data[29] << 16) + 1);
        return null;
    }
}
