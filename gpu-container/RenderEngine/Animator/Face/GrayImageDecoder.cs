using System.Text;
using CliWrap;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Animator.Face;

/// <summary>Decodes a PNG, JPEG or WebP portrait into a <see cref="GrayImage"/> (ffmpeg's BT.601 luma).</summary>
public sealed class GrayImageDecoder(Tool ffmpeg)
{
    public async Task<GrayImage> DecodeAsync(string imagePath, CancellationToken cancellationToken)
    {
        var head = new byte[64 * 1024];
        int read;
        await using (var file = File.OpenRead(imagePath))
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var header =
            ImageHeader.Read(head.AsSpan(0, read))
            ?? throw new InvalidDataException(
                $"The portrait is not a PNG, JPEG or WebP picture ({ImageFormat.Describe(head.AsSpan(0, read))})."
            );

        var pixels = new MemoryStream(header.Width * header.Height);
        var (exitCode, stderr) = await ffmpeg.StreamAsync(
            [
                "-v",
                "error",
                .. MediaInput.Of(imagePath, Demuxer.ForImage(header.Format)),
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "gray",
                "pipe:1",
            ],
            PipeSource.Null,
            PipeTarget.ToStream(pixels),
            cancellationToken
        );
        if (exitCode != 0 || pixels.Length != (long)header.Width * header.Height)
            throw new InvalidDataException(
                $"ffmpeg could not decode the {header.Format} portrait of {header.Width}x{header.Height} (exit code {exitCode}, {pixels.Length} bytes): {StderrTail.Of(stderr)}"
            );
        return new GrayImage(pixels.ToArray(), header.Width, header.Height);
    }
}
