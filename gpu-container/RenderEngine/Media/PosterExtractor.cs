using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Media;

public sealed class PosterExtractor(Tool ffmpeg)
{
    /// <summary>Writes the video's first frame as a JPEG (same size as the video).</summary>
    public Task ExtractAsync(string videoPath, string posterPath, CancellationToken cancellationToken) =>
        ffmpeg.RunAsync(
            ["-v", "error", "-y", .. MediaInput.Of(videoPath, Demuxer.Mp4), "-frames:v", "1", "-q:v", "3", posterPath],
            cancellationToken
        );
}
