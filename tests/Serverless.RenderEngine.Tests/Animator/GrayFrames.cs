using CliWrap;

namespace Serverless.RenderEngine.Tests.Animator;

/// <summary>Pictures and video frames decoded by ffmpeg to 8-bit grey, the video frame by frame (never all at once).</summary>
internal static class GrayFrames
{
    public static async Task<byte[]> PictureAsync(string path, int width, int height)
    {
        using var output = new MemoryStream();
        await Cli.Wrap("ffmpeg")
            .WithArguments([
                "-v",
                "error",
                "-i",
                path,
                "-vf",
                $"scale={width}:{height}",
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "gray",
                "pipe:1",
            ])
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .ExecuteAsync();
        return output.ToArray();
    }

    /// <summary>Calls <paramref name="onFrame"/> with each frame's grey pixels (the buffer is reused).</summary>
    public static async Task ReadAsync(string videoPath, int width, int height, Action<int, byte[]> onFrame)
    {
        var frame = new byte[width * height];
        var index = 0;
        await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-i", videoPath, "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"])
            .WithStandardOutputPipe(
                PipeTarget.Create(
                    async (stream, token) =>
                    {
                        while (await stream.ReadAtLeastAsync(frame, frame.Length, throwOnEndOfStream: false, token) == frame.Length)
                            onFrame(index++, frame);
                    }
                )
            )
            .ExecuteAsync();
    }
}
