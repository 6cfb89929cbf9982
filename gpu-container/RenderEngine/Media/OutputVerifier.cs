using Serverless.Contracts;
using Serverless.RenderEngine.Media.Mp4;

namespace Serverless.RenderEngine.Media;

/// <summary>
/// Checks every guarantee of a rendered video: H.264 yuv420p with even sides and width ≤ 1080 (aspect of the
/// source kept), AAC audio, 25 fps constant, moov before mdat (+faststart), duration within 0.1 s of the audio.
/// The file is read in-process (<see cref="Mp4Inspector"/>); the tests hold that reading against ffprobe's.
/// </summary>
public sealed class OutputVerifier
{
    public const double DurationTolerance = 0.1;

    public async Task<MediaInfo> VerifyAsync(
        string videoPath,
        double expectedDuration,
        double sourceAspect,
        CancellationToken cancellationToken
    )
    {
        var inspection = await Mp4Inspector.TryInspectAsync(videoPath, cancellationToken);
        if (inspection is null)
            throw Fail("the output is not a playable video with sound");
        var problems = Problems(inspection.Info, inspection.FastStart, expectedDuration, sourceAspect);
        return problems.Count == 0 ? inspection.Info : throw Fail(string.Join("; ", problems));
    }

    /// <summary>Every guarantee the description of a video breaks; empty when it keeps them all.</summary>
    public static IReadOnlyList<string> Problems(MediaInfo info, bool fastStart, double expectedDuration, double sourceAspect)
    {
        if (info.Video is not { } video || info.Audio is not { } audio)
            return ["the output is not a playable video with sound"];

        var problems = new List<string>();
        if (video.CodecName != "h264")
            problems.Add($"video codec {video.CodecName}, not h264");
        if (video.PixelFormat != "yuv420p")
            problems.Add($"pixel format {video.PixelFormat}, not yuv420p");
        if (video.Width % 2 != 0 || video.Height % 2 != 0)
            problems.Add($"odd dimensions {video.Width}×{video.Height}");
        if (video.Width > VideoFormat.MaxWidth)
            problems.Add($"width {video.Width} over {VideoFormat.MaxWidth}");
        if (sourceAspect > 0 && Math.Abs(video.Width / sourceAspect - video.Height) > 2)
            problems.Add($"aspect not kept ({video.Width}×{video.Height})");
        if (
            Math.Abs(MediaStream.Rate(video.FrameRate) - VideoFormat.FramesPerSecond) > 0.01
            || Math.Abs(MediaStream.Rate(video.AverageFrameRate) - VideoFormat.FramesPerSecond) > 0.5
        )
            problems.Add($"frame rate {video.FrameRate} (average {video.AverageFrameRate}), not a constant 25");
        if (audio.CodecName != "aac")
            problems.Add($"audio codec {audio.CodecName}, not aac");
        var duration = info.DurationSec ?? 0;
        if (Math.Abs(duration - expectedDuration) > DurationTolerance)
            problems.Add($"duration {duration:0.000} s, expected {expectedDuration:0.000} s");
        if (!fastStart)
            problems.Add("moov atom after mdat (not +faststart)");

        return problems;
    }

    private static RenderFailedException Fail(string problem) =>
        new(new RenderError { Code = RenderErrorCode.Crash, Message = $"The rendered video failed verification: {problem}." });
}
