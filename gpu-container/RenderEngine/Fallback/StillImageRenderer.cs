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
        string workDir,
        CancellationToken cancellationToken
    )
    {
        var segment = Path.Combine(workDir, "still.mp4");
        var fps = VideoFormat.FramesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audio = await preparing;

        // The loop is cut by frame count (a stream-copy cut by time overshoots to the next packet), rounding up so
        // the whole speech is kept and the video ends within one frame of it.
        var frames = (int)Math.Ceiling(audio.DurationSec * VideoFormat.FramesPerSecond);
        await ffmpeg.RunAsync(
            [
                "-v", "error", "-y",
                "-loop", "1", "-framerate", fps, "-i", imagePath,
                "-frames:v", fps, "-vf", VideoFormat.ScaleFilter,
                "-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-crf", "18",
                // No B-frames: decode order must equal display order for the frame-count cut to be exact.
                "-bf", "0",
                "-g", fps, "-keyint_min", fps, "-sc_threshold", "0", "-r", fps,
                "-an", segment,
            ],
            cancellationToken
        );

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
