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

        // The video is cut by frame count (a stream-copy cut by time overshoots): one frame past the audio's
        // end keeps the container's duration within a frame of the speech.
        var frames = (int)Math.Ceiling(audio.DurationSec * VideoFormat.FramesPerSecond) + 1;
        await ffmpeg.RunAsync(
            [
                "-v", "error", "-y",
                "-loop", "1", "-framerate", fps, "-i", imagePath,
                "-frames:v", fps, "-vf", VideoFormat.ScaleFilter,
                "-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-crf", "18",
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
