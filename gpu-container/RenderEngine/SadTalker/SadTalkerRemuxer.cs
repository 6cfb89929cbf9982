using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.SadTalker;

/// <summary>
/// Brings SadTalker's video to the common guarantees: 25 fps constant, even sides, width ≤ 1080, and the original
/// speech (SadTalker resamples it to 16 kHz) as AAC, padding or trimming the last frame to the speech's length.
/// </summary>
public sealed class SadTalkerRemuxer(Tool ffmpeg)
{
    public Task RemuxAsync(string sadTalkerVideo, PreparedAudio audio, string videoPath, CancellationToken cancellationToken)
    {
        var duration = VideoFormat.Seconds(audio.DurationSec);
        return ffmpeg.RunAsync(
            [
                "-v",
                "error",
                "-y",
                "-i",
                sadTalkerVideo,
                "-i",
                audio.AacPath,
                "-map",
                "0:v:0",
                "-map",
                "1:a:0",
                "-vf",
                $"fps={VideoFormat.FramesPerSecond},{VideoFormat.ScaleFilter},tpad=stop_mode=clone:stop_duration={duration}",
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-crf",
                "18",
                "-c:a",
                "copy",
                "-t",
                duration,
                "-movflags",
                "+faststart",
                videoPath,
            ],
            cancellationToken
        );
    }
}
