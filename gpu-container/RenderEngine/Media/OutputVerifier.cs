using System.Buffers.Binary;
using Serverless.Contracts;

namespace Serverless.RenderEngine.Media;

/// <summary>
/// Checks every guarantee of a rendered video: H.264 yuv420p with even sides and width ≤ 1080 (aspect of the
/// source kept), AAC audio, 25 fps constant, moov before mdat (+faststart), duration within 0.1 s of the audio.
/// </summary>
public sealed class OutputVerifier(MediaProbe probe)
{
    public const double DurationTolerance = 0.1;

    public async Task<MediaInfo> VerifyAsync(string videoPath, double expectedDuration, double sourceAspect, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var info = await probe.TryProbeAsync(videoPath, cancellationToken);
        if (info?.Video is not { } video || info.Audio is not { } audio)
            throw Fail("the output is not a playable video with sound");

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
        if (Math.Abs(MediaStream.Rate(video.FrameRate) - VideoFormat.FramesPerSecond) > 0.01
            || Math.Abs(MediaStream.Rate(video.AverageFrameRate) - VideoFormat.FramesPerSecond) > 0.5)
            problems.Add($"frame rate {video.FrameRate} (average {video.AverageFrameRate}), not a constant 25");
        if (audio.CodecName != "aac")
            problems.Add($"audio codec {audio.CodecName}, not aac");
        var duration = info.DurationSec ?? 0;
        if (Math.Abs(duration - expectedDuration) > DurationTolerance)
            problems.Add($"duration {duration:0.000} s, expected {expectedDuration:0.000} s");
        if (!await IsFastStartAsync(videoPath, cancellationToken))
            problems.Add("moov atom after mdat (not +faststart)");

        return problems.Count == 0 ? info : throw Fail(string.Join("; ", problems));
    }

    /// <summary>Walks the top-level MP4 boxes: a streamable file has its moov box before mdat.</summary>
    public static async Task<bool> IsFastStartAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var header = new byte[16];
        while (file.Position + 8 <= file.Length)
        {
            var start = file.Position;
            await file.ReadExactlyAsync(header.AsMemory(0, 8), cancellationToken);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            if (type == "moov")
                return true;
            if (type == "mdat")
                return false;
            if (size == 1)
            {
                await file.ReadExactlyAsync(header.AsMemory(8, 8), cancellationToken);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
            }
            else if (size == 0)
                return false;
            if (size < 8)
                return false;
            file.Position = start + size;
        }
        return false;
    }

    private static RenderFailedException Fail(string problem) =>
        new(new RenderError { Code = RenderErrorCode.Crash, Message = $"The rendered video failed verification: {problem}." });
}
