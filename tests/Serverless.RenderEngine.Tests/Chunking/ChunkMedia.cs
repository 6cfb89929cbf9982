using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Serverless.RenderEngine.Chunking;
using Serverless.RenderEngine.Media;

namespace Serverless.RenderEngine.Tests.Chunking;

/// <summary>Media for the stitch tests, made and read with real ffmpeg.</summary>
internal static class ChunkMedia
{
    public const int Side = 128;

    /// <summary>A picture in which every frame differs from the one before (a moving test pattern).</summary>
    public const string Moving = "testsrc2=size=256x256:rate=25";

    /// <summary>The same pattern, colours inverted: a different "take" of the same scene.</summary>
    public const string MovingInverted = "testsrc2=size=256x256:rate=25,negate";

    public static Task FfmpegAsync(params string[] arguments) =>
        Cli.Wrap("ffmpeg").WithArguments(["-v", "error", "-y", .. arguments]).ExecuteBufferedAsync();

    /// <summary>
    /// Frames [first, first + count) of a lavfi picture as an H.264 + AAC MP4, like a rendered chunk; with
    /// <paramref name="forStitch"/>, encoded exactly as the worker encodes chunks (the keyframes the copying stitch needs).
    /// </summary>
    public static Task ChunkVideoAsync(string source, long first, long count, string path, bool forStitch = false) =>
        FfmpegAsync([
            "-f",
            "lavfi",
            "-i",
            source,
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=16000",
            "-vf",
            $"trim=start_frame={first}:end_frame={first + count},setpts=PTS-STARTPTS",
            "-t",
            (count / 25.0).ToString("0.###", CultureInfo.InvariantCulture),
            .. Encoding(forStitch, count),
            "-c:a",
            "aac",
            path,
        ]);

    private static IReadOnlyList<string> Encoding(bool forStitch, long frames) =>
        forStitch
            ? [.. VideoFormat.H264Encoding, .. ChunkTiming.KeyFrameArguments(frames / 25.0)]
            : ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p"];

    /// <summary>Every frame of a file (or the first <paramref name="count"/> of a lavfi picture), grey, <see cref="Side"/>² pixels.</summary>
    public static async Task<List<byte[]>> GrayFramesAsync(string input, int? count = null, bool lavfi = false)
    {
        using var raw = new MemoryStream();
        string[] source = lavfi ? ["-f", "lavfi", "-i", input] : ["-i", input];
        string[] limit = count is { } n ? ["-frames:v", n.ToString(CultureInfo.InvariantCulture)] : [];
        await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", .. source, .. limit, "-vf", $"scale={Side}:{Side},format=gray", "-f", "rawvideo", "-"])
            .WithStandardOutputPipe(PipeTarget.ToStream(raw))
            .ExecuteAsync();
        return raw.ToArray().Chunk(Side * Side).Where(f => f.Length == Side * Side).ToList();
    }

    /// <summary>Mean absolute difference of two grey frames, in grey levels.</summary>
    public static double Difference(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    public static double MeanLuma(byte[] frame) => frame.Average(p => (double)p);

    /// <summary>The MD5 of the decoded audio (16-bit PCM) of a file: equal only for sample-identical audio.</summary>
    public static async Task<string> DecodedAudioMd5Async(string path)
    {
        var result = await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-i", path, "-map", "0:a:0", "-f", "md5", "-"])
            .ExecuteBufferedAsync();
        return result.StandardOutput.Trim();
    }

    /// <summary>How many audio samples the file decodes to.</summary>
    public static async Task<long> DecodedSamplesAsync(string path)
    {
        using var raw = new MemoryStream();
        await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-i", path, "-map", "0:a:0", "-ac", "1", "-f", "s16le", "-"])
            .WithStandardOutputPipe(PipeTarget.ToStream(raw))
            .ExecuteAsync();
        return raw.Length / 2;
    }
}
