using CliWrap;
using CliWrap.Buffered;

namespace Serverless.EndToEnd.Tests.Support;

/// <summary>Checks a published video the way a viewer would get it: through its signed URL, decoded to the end.</summary>
internal static class PublishedVideo
{
    /// <summary>The side of the grey frames <see cref="PlayFramesAsync"/> returns.</summary>
    public const int FrameSide = 128;

    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Downloads the video, decodes every frame, and returns its probe.</summary>
    public static async Task<ProbedMedia> PlayAsync(Uri url) => (await PlayAsync(url, frames: false)).Probe;

    /// <summary>
    /// Like <see cref="PlayAsync(Uri)"/>, and returns every frame too, grey and scaled to <see cref="FrameSide"/>²
    /// pixels (compare them with <see cref="Difference"/>).
    /// </summary>
    public static Task<(ProbedMedia Probe, IReadOnlyList<byte[]> Frames)> PlayFramesAsync(Uri url) => PlayAsync(url, frames: true);

    /// <summary>Mean absolute difference of two grey frames, in grey levels.</summary>
    public static double Difference(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    public static double MeanLuma(byte[] frame) => frame.Average(p => (double)p);

    private static async Task<(ProbedMedia Probe, IReadOnlyList<byte[]> Frames)> PlayAsync(Uri url, bool frames)
    {
        var path = Path.Combine(Path.GetTempPath(), $"e2e-video-{Guid.NewGuid():N}.mp4");
        try
        {
            await File.WriteAllBytesAsync(path, await s_http.GetByteArrayAsync(url));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var decode = await Cli.Wrap("ffmpeg")
                .WithArguments(["-v", "error", "-i", path, "-f", "null", "-"])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token);
            Assert.True(
                decode.ExitCode == 0 && decode.StandardError.Trim().Length == 0,
                $"The video does not decode cleanly: {decode.StandardError}"
            );
            return (await Ffprobe.ProbeAsync(path), frames ? await GrayFramesAsync(path, timeout.Token) : []);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<IReadOnlyList<byte[]>> GrayFramesAsync(string path, CancellationToken cancellationToken)
    {
        using var raw = new MemoryStream();
        await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-i", path, "-vf", $"scale={FrameSide}:{FrameSide},format=gray", "-f", "rawvideo", "-"])
            .WithStandardOutputPipe(PipeTarget.ToStream(raw))
            .ExecuteAsync(cancellationToken);
        var size = FrameSide * FrameSide;
        return [.. raw.ToArray().Chunk(size).Where(f => f.Length == size)];
    }
}
