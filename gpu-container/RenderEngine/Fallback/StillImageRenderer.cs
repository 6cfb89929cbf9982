using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Fallback;

/// <summary>
/// The ffmpeg still-image video. Encoding every frame of a still is wasted work: one second of it is encoded
/// once (a closed GOP) and that segment is looped by stream copy for the length of the speech, so the cost
/// barely grows with the duration.
/// </summary>
public sealed class StillImageRenderer(Tool ffmpeg)
{
    /// <param name="preparing">The speech being prepared meanwhile: the segment is encoded while it is.</param>
    public async Task RenderAsync(
        string imagePath,
        Task<PreparedAudio> preparing,
        string videoPath,
        string posterPath,
        string workDir,
        CancellationToken cancellationToken
    )
    {
        var segment = Path.Combine(workDir, "still.mp4");
        var fps = VideoFormat.FramesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ffmpeg.RunAsync(
            [
                "-v", "error", "-y",
                "-framerate", fps, "-i", imagePath,
                // The picture is decoded and scaled once, then repeated by the loop filter (-loop 1 would decode it per frame).
                "-filter_complex", $"[0:v]{VideoFormat.ScaleFilter},loop=loop={VideoFormat.FramesPerSecond - 1}:size=1:start=0,split[video][poster]",
                // The poster is the same picture, written by the same process.
                "-map", "[poster]", "-frames:v", "1", "-q:v", "3", posterPath,
                "-map", "[video]", "-frames:v", fps,
                "-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-crf", "18",
                // No B-frames: decode order must equal display order for the frame-count cut to be exact.
                "-bf", "0",
                "-g", fps, "-keyint_min", fps, "-sc_threshold", "0", "-r", fps,
                "-an", segment,
            ],
            cancellationToken
        );

        var audio = await preparing;

        // The loop is cut by frame count (a stream-copy cut by time overshoots to the next packet), rounding up so
        // the whole speech is kept and the video ends within one frame of it.
        var frames = (int)Math.Ceiling(audio.DurationSec * VideoFormat.FramesPerSecond);
        await ffmpeg.RunAsync(
            [
                "-v", "error", "-y",
                "-stream_loop", "-1", "-i", segment,
                "-i", audio.AacPath,
                "-map", "0:v:0", "-map", "1:a:0",
                "-c", "copy",
                "-frames:v", frames.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-movflags", "+faststart",
                videoPath,
            ],
            cancellationToken
        );
    }
}
