using System.Buffers.Binary;
using CliWrap;
using CliWrap.Buffered;

namespace Serverless.RenderWorker.Tests;

public static class TestMedia
{
    /// <summary>A 16 kHz mono 16-bit PCM WAV of a 440 Hz tone.</summary>
    public static byte[] SineWav(TimeSpan duration, int sampleRate = 16_000)
    {
        var samples = (int)(duration.TotalSeconds * sampleRate);
        var bytes = new byte[44 + samples * 2];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + samples * 2);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples * 2);
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 8000);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + i * 2)..], value);
        }
        return bytes;
    }

    /// <summary>Whether the bytes start like an MP4 (an <c>ftyp</c> box).</summary>
    public static bool IsMp4(byte[]? bytes) => bytes is { Length: > 12 } && bytes.AsSpan(4, 4).SequenceEqual("ftyp"u8);

    public static bool IsJpeg(byte[]? bytes) => bytes is { Length: > 3 } && bytes[0] == 0xFF && bytes[1] == 0xD8;

    /// <summary>An MP4 of frames <paramref name="first"/> to <paramref name="first"/> + <paramref name="frames"/> of a lavfi source, with a tone, as a chunk video.</summary>
    public static async Task<byte[]> VideoAsync(string source, long first, long frames)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chunk-{Guid.NewGuid():N}.mp4");
        try
        {
            await Cli.Wrap("ffmpeg")
                .WithArguments([
                    "-v",
                    "error",
                    "-y",
                    "-f",
                    "lavfi",
                    "-i",
                    source,
                    "-f",
                    "lavfi",
                    "-i",
                    "sine=frequency=440:sample_rate=16000",
                    "-vf",
                    $"trim=start_frame={first}:end_frame={first + frames},setpts=PTS-STARTPTS",
                    "-t",
                    (frames / 25.0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "-c:v",
                    "libx264",
                    "-preset",
                    "veryfast",
                    "-pix_fmt",
                    "yuv420p",
                    "-c:a",
                    "aac",
                    path,
                ])
                .ExecuteBufferedAsync();
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
