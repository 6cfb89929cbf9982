using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Media;

/// <summary>
/// The portrait as SadTalker reads it well: a <c>.png</c> file at most <see cref="MaxSide"/> px a side. SadTalker
/// decodes only <c>.jpg</c>, <c>.jpeg</c> and <c>.png</c> names with <c>cv2.imread</c> (anything else is opened as a
/// video), holds every frame in memory at the portrait's size with <c>--preprocess full</c> and GFPGAN doubles it;
/// the output is at most 1080 px wide anyway.
/// </summary>
public sealed class PortraitPreparer(Tool ffmpeg)
{
    public const int MaxSide = 1080;

    /// <summary>Writes <c>portrait.png</c> into <paramref name="folder"/> and returns its path.</summary>
    public async Task<string> PrepareAsync(string imagePath, string folder, CancellationToken cancellationToken)
    {
        var target = Path.Combine(folder, "portrait.png");
        var head = new byte[64 * 1024];
        int read;
        await using (var file = File.OpenRead(imagePath))
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);

        var image =
            ImageHeader.Read(head.AsSpan(0, read)) ?? throw InputValidator.BadInput("The image cannot be decoded (its header is damaged).");
        if (image is { Format: "png", Width: <= MaxSide, Height: <= MaxSide })
        {
            File.Copy(imagePath, target, overwrite: true);
            return target;
        }
        await ffmpeg.RunAsync(
            [
                "-v",
                "error",
                "-y",
                .. MediaInput.Of(imagePath, Demuxer.ForImage(image.Format)),
                "-vf",
                $"scale=w='min({MaxSide},iw)':h='min({MaxSide},ih)':force_original_aspect_ratio=decrease",
                "-frames:v",
                "1",
                "-update",
                "1",
                target,
            ],
            cancellationToken
        );
        return target;
    }
}
