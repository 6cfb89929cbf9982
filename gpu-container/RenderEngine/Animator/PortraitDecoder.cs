using System.Globalization;
using CliWrap;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;
using SkiaSharp;

namespace Serverless.RenderEngine.Animator;

/// <summary>
/// Decodes the portrait once, in ffmpeg (its demuxer named from the file's own header, local files only), to raw
/// pixels on stdout: at most <see cref="PortraitPreparer.MaxSide"/> px a side, both sides even, alpha dropped.
/// </summary>
public sealed class PortraitDecoder(Tool ffmpeg)
{
    public async Task<DecodedPortrait> DecodeAsync(string imagePath, CancellationToken cancellationToken)
    {
        var head = new byte[64 * 1024];
        int read;
        await using (var file = File.OpenRead(imagePath))
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var header =
            ImageHeader.Read(head.AsSpan(0, read)) ?? throw InputValidator.BadInput("The image cannot be decoded (its header is damaged).");
        var (width, height) = VideoSize(header.Width, header.Height);
        var colorType = SKImageInfo.PlatformColorType == SKColorType.Bgra8888 ? SKColorType.Bgra8888 : SKColorType.Rgba8888;
        var pixels = new byte[width * height * 4];
        using var output = new MemoryStream(pixels, writable: true);
        var (exitCode, stderr) = await ffmpeg.StreamAsync(
            [
                "-v",
                "error",
                "-nostdin",
                .. MediaInput.Of(Path.GetFullPath(imagePath), Demuxer.ForImage(header.Format)),
                "-vf",
                string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}:flags=area,format=rgb24,format=")
                    + (colorType == SKColorType.Bgra8888 ? "bgra" : "rgba"),
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "pipe:1",
            ],
            PipeSource.Null,
            PipeTarget.ToStream(output),
            cancellationToken
        );
        if (exitCode != 0)
            throw new ToolFailedException(ffmpeg.Name, exitCode, StderrTail.Of(stderr));
        if (output.Position != pixels.Length)
            throw InputValidator.BadInput("The image cannot be decoded.");
        return new DecodedPortrait(pixels, width, height, colorType);
    }

    /// <summary>The picture's size scaled to at most 1080 px a side, both sides even (at least 2).</summary>
    public static (int Width, int Height) VideoSize(int width, int height)
    {
        var scale = Math.Min(1.0, (double)PortraitPreparer.MaxSide / Math.Max(width, height));
        static int Even(double v) => Math.Max(2, (int)Math.Floor(v / 2) * 2);
        return (Even(width * scale), Even(height * scale));
    }
}
