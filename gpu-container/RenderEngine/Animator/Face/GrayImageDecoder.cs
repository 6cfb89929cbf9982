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
        var errors = new StringBuilder();
        var result = await ffmpeg
            .Command([
                "-v",
                "error",
                "-protocol_whitelist",
                "file,pipe",
                "-f",
                header.Format + "_pipe",
                "-i",
                imagePath,
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "gray",
                "pipe:1",
            ])
            .WithStandardOutputPipe(PipeTarget.ToStream(pixels))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0 || pixels.Length != (long)header.Width * header.Height)
            throw new InvalidDataException(
                $"ffmpeg could not decode the {header.Format} portrait of {header.Width}x{header.Height} (exit code {result.ExitCode}, {pixels.Length} bytes): {StderrTail.Of(errors.ToString())}"
            );
        return new GrayImage(pixels.ToArray(), header.Width, header.Height);
    }
}
