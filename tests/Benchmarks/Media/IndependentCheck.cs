using CliWrap;
using CliWrap.Buffered;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Media.Mp4;

namespace Serverless.Benchmarks.Media;

/// <summary>
/// The renderer checks its own output in-process; the benchmark checks it again with ffmpeg's tools: ffprobe's
/// description against the same guarantees, and a decode of every frame without an error.
/// </summary>
internal static class IndependentCheck
{
    public static async Task<IReadOnlyList<string>> ProblemsAsync(
        MediaProbe probe,
        string video,
        double audioSeconds,
        double sourceAspect,
        CancellationToken cancellationToken
    )
    {
        if (await probe.TryProbeAsync(video, Demuxer.Mp4, cancellationToken) is not { } info)
            return ["ffprobe cannot read the video"];
        var fastStart = (await Mp4Inspector.TryInspectAsync(video, cancellationToken))?.FastStart ?? false;
        var problems = OutputVerifier.Problems(info, fastStart, audioSeconds, sourceAspect).ToList();

        var decode = await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-i", video, "-f", "null", "-"])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        if (decode.ExitCode != 0 || decode.StandardError.Trim().Length > 0)
            problems.Add($"decoding it reports: {decode.StandardError.Trim()}");
        return problems;
    }
}
