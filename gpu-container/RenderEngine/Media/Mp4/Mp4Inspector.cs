using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Serverless.RenderEngine.Media.Mp4;

/// <summary>What an MP4 says about itself, in ffprobe's terms, and whether its moov box comes before mdat.</summary>
public sealed record Mp4Inspection(MediaInfo Info, bool FastStart);

/// <summary>
/// Reads an MP4's moov box in-process: codecs, picture size and pixel format (from the H.264 SPS), frame rate
/// (from the sample durations) and duration. Every render is checked this way, and starting ffprobe would cost
/// more than the render's own mux.
/// </summary>
public static class Mp4Inspector
{
    private const long MaxMoovBytes = 64 << 20;

    /// <summary>Null when the file is not a whole MP4 with a readable moov box (a truncated one included).</summary>
    public static async Task<Mp4Inspection?> TryInspectAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        var header = new byte[16];
        var sawMdat = false;
        Mp4Inspection? inspection = null;
        while (file.Position < file.Length)
        {
            var start = file.Position;
            if (start + 8 > file.Length)
                return null;
            await file.ReadExactlyAsync(header.AsMemory(0, 8), cancellationToken);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerSize = 8;
            if (size == 1)
            {
                await file.ReadExactlyAsync(header.AsMemory(8, 8), cancellationToken);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                headerSize = 16;
            }
            else if (size == 0)
                size = file.Length - start;
            if (size < headerSize || start + size > file.Length)
                return null;

            switch (Encoding.ASCII.GetString(header, 4, 4))
            {
                case "mdat":
                    sawMdat = true;
                    break;
                case "moov" when size <= MaxMoovBytes && inspection is null:
                    var moov = new byte[size - headerSize];
                    await file.ReadExactlyAsync(moov, cancellationToken);
                    if (Describe(moov) is not { } info)
                        return null;
                    inspection = new Mp4Inspection(info, FastStart: !sawMdat);
                    break;
            }
            file.Position = start + size;
        }
        return sawMdat ? inspection : null;
    }

    private static MediaInfo? Describe(byte[] moov)
    {
        var root = new Box("moov", 0, moov.Length);
        if (root.Child(moov, "mvhd") is not { } mvhd)
            return null;
        var (timescale, duration) = ReadTimes(moov, mvhd);
        var streams = root.Children(moov).Where(box => box.Type == "trak").Select(trak => DescribeTrack(moov, trak)).OfType<MediaStream>();
        return new MediaInfo
        {
            Streams = [.. streams],
            Format = new MediaFormat
            {
                FormatName = "mov,mp4,m4a,3gp,3g2,mj2",
                Duration = timescale == 0 ? null : Seconds(duration, timescale),
            },
        };
    }

    private static MediaStream? DescribeTrack(byte[] moov, Box trak)
    {
        if (
            trak.Child(moov, "mdia") is not { } mdia
            || mdia.Child(moov, "hdlr") is not { BodyLength: >= 12 } hdlr
            || mdia.Child(moov, "mdhd") is not { } mdhd
            || mdia.Descend(moov, "minf", "stbl") is not { } stbl
            || stbl.Child(moov, "stsd") is not { } stsd
            || stsd.Children(moov, skip: 8).FirstOrDefault() is not { Type.Length: 4 } entry
        )
            return null;
        var (timescale, duration) = ReadTimes(moov, mdhd);
        return Encoding.ASCII.GetString(moov, hdlr.BodyStart + 8, 4) switch
        {
            "vide" => DescribeVideo(moov, entry, stbl, timescale, duration),
            "soun" => new MediaStream
            {
                CodecType = "audio",
                CodecName = AudioCodec(moov, entry),
                SampleRate = timescale.ToString(CultureInfo.InvariantCulture),
            },
            _ => null,
        };
    }

    private static MediaStream DescribeVideo(byte[] moov, Box entry, Box stbl, long timescale, long duration)
    {
        // VisualSampleEntry: 24 bytes of reserved/pre-defined fields, width, height, then 50 more before its boxes.
        int width = BinaryPrimitives.ReadUInt16BigEndian(moov.AsSpan(entry.BodyStart + 24));
        int height = BinaryPrimitives.ReadUInt16BigEndian(moov.AsSpan(entry.BodyStart + 26));
        string? pixelFormat = null;
        if (entry.Child(moov, "avcC", skip: 78) is { BodyLength: >= 8 } avcC && (moov[avcC.BodyStart + 5] & 0x1F) > 0)
        {
            int spsLength = BinaryPrimitives.ReadUInt16BigEndian(moov.AsSpan(avcC.BodyStart + 6));
            if (avcC.BodyStart + 8 + spsLength <= avcC.End && H264Sps.TryParse(moov.AsSpan(avcC.BodyStart + 8, spsLength)) is { } sps)
                (width, height, pixelFormat) = (sps.Width, sps.Height, sps.PixelFormat);
        }

        var (frames, frameDuration) = SampleDurations(moov, stbl);
        return new MediaStream
        {
            CodecType = "video",
            CodecName = entry.Type switch
            {
                "avc1" or "avc3" => "h264",
                "hvc1" or "hev1" => "hevc",
                "mp4v" => "mpeg4",
                "av01" => "av1",
                "vp09" => "vp9",
                var other => other,
            },
            PixelFormat = pixelFormat,
            Width = width,
            Height = height,
            FrameRate = frameDuration is { } constant ? Fraction(timescale, constant) : "0/0",
            AverageFrameRate = duration == 0 ? "0/0" : Fraction(frames * timescale, duration),
            FrameCount = frames.ToString(CultureInfo.InvariantCulture),
            Duration = timescale == 0 ? null : Seconds(duration, timescale),
        };
    }

    /// <summary>
    /// The sample count, and the one duration every sample has (the last may differ: muxers guess it), or null
    /// when the rate varies.
    /// </summary>
    private static (long Frames, long? Constant) SampleDurations(byte[] moov, Box stbl)
    {
        if (stbl.Child(moov, "stts") is not { BodyLength: >= 8 } stts)
            return (0, null);
        var count = BinaryPrimitives.ReadUInt32BigEndian(moov.AsSpan(stts.BodyStart + 4));
        long frames = 0;
        var deltas = new HashSet<long>();
        for (var i = 0; i < count && stts.BodyStart + 16 + i * 8 <= stts.End; i++)
        {
            var samples = BinaryPrimitives.ReadUInt32BigEndian(moov.AsSpan(stts.BodyStart + 8 + i * 8));
            frames += samples;
            if (!(i == count - 1 && samples == 1 && i > 0))
                deltas.Add(BinaryPrimitives.ReadUInt32BigEndian(moov.AsSpan(stts.BodyStart + 12 + i * 8)));
        }
        return (frames, deltas.Count == 1 && deltas.Single() > 0 ? deltas.Single() : null);
    }

    private static string AudioCodec(byte[] moov, Box entry)
    {
        if (entry.Type != "mp4a")
            return entry.Type.Trim().ToLowerInvariant();
        // AudioSampleEntry v0 has 28 bytes before its boxes; v1 adds 16, v2 adds 36.
        var version = BinaryPrimitives.ReadUInt16BigEndian(moov.AsSpan(entry.BodyStart + 8));
        var skip =
            28
            + version switch
            {
                1 => 16,
                2 => 36,
                _ => 0,
            };
        return entry.Child(moov, "esds", skip) is { } esds && ObjectType(moov.AsSpan(esds.BodyStart + 4, esds.BodyLength - 4)) is { } type
            ? type switch
            {
                0x40 or 0x66 or 0x67 or 0x68 => "aac",
                0x69 or 0x6B => "mp3",
                _ => $"mp4a-{type:x2}",
            }
            : "mp4a";
    }

    /// <summary>objectTypeIndication of the DecoderConfigDescriptor inside an ES_Descriptor (ISO 14496-1 §7.2.6).</summary>
    private static int? ObjectType(ReadOnlySpan<byte> descriptor)
    {
        if (descriptor.Length < 2 || descriptor[0] != 0x03)
            return null;
        var i = SkipLength(descriptor, 1);
        if (i + 3 > descriptor.Length)
            return null;
        var flags = descriptor[i + 2];
        i += 3;
        if ((flags & 0x80) != 0)
            i += 2;
        if ((flags & 0x40) != 0 && i < descriptor.Length)
            i += 1 + descriptor[i];
        if ((flags & 0x20) != 0)
            i += 2;
        if (i >= descriptor.Length || descriptor[i] != 0x04)
            return null;
        i = SkipLength(descriptor, i + 1);
        return i < descriptor.Length ? descriptor[i] : null;
    }

    /// <summary>Skips a descriptor's size field (1–4 bytes, 7 bits each, high bit = more follow).</summary>
    private static int SkipLength(ReadOnlySpan<byte> descriptor, int i)
    {
        for (var n = 0; n < 4 && i < descriptor.Length; n++)
            if ((descriptor[i++] & 0x80) == 0)
                break;
        return i;
    }

    /// <summary>Timescale and duration of an mvhd or mdhd box (versions 0 and 1).</summary>
    private static (long Timescale, long Duration) ReadTimes(byte[] moov, Box box)
    {
        var body = moov.AsSpan(box.BodyStart, box.BodyLength);
        if (body.Length >= 32 && body[0] == 1)
            return (BinaryPrimitives.ReadUInt32BigEndian(body[20..]), (long)BinaryPrimitives.ReadUInt64BigEndian(body[24..]));
        if (body.Length >= 20)
            return (BinaryPrimitives.ReadUInt32BigEndian(body[12..]), BinaryPrimitives.ReadUInt32BigEndian(body[16..]));
        return (0, 0);
    }

    private static string Seconds(long duration, long timescale) =>
        ((double)duration / timescale).ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Fraction(long numerator, long denominator)
    {
        var divisor = (long)System.Numerics.BigInteger.GreatestCommonDivisor(numerator, denominator);
        return divisor == 0 ? "0/0" : $"{numerator / divisor}/{denominator / divisor}";
    }
}
