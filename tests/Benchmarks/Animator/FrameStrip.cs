using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Serverless.RenderEngine;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Animator;

/// <summary>
/// The pictures docs/ shows of the animator: the demo's text spoken by espeak-ng over samples/portrait.png, as a
/// strip of frames (every 0.16 s of the first sentence, where the mouth opens and closes) and a short GIF.
/// </summary>
internal static class FrameStrip
{
    /// <summary>scripts/demo.sh's default text.</summary>
    public const string DemoText =
        "Hello! This video was made by a serverless pipeline. A durable orchestration leased the job, spoke this text, "
        + "rendered the portrait on the render worker, and published the result to S3.";

    public const string StripFile = "animator-strip.png";
    public const string GifFile = "animator-demo.gif";

    private const int Frames = 10;
    private const double StepSeconds = 0.16;
    private const double StartSeconds = 0.4;

    public static async Task<string> RenderDemoAsync(IVideoRenderer renderer, string dir, CancellationToken cancellationToken)
    {
        var speech = Path.Combine(dir, "demo.wav");
        await Cli.Wrap("espeak-ng").WithArguments(["-v", "en-us", "-w", speech, DemoText]).ExecuteBufferedAsync(cancellationToken);
        var video = Path.Combine(dir, "demo.mp4");
        await renderer.RenderAsync(
            new RenderInput
            {
                ImagePath = RepoPaths.SamplePortrait,
                AudioPath = speech,
                VideoPath = video,
                PosterPath = Path.Combine(dir, "demo.jpg"),
                Renderer = RendererChoice.Animator,
                ScratchDir = dir,
            },
            cancellationToken
        );
        return video;
    }

    /// <summary>Writes <see cref="StripFile"/> and <see cref="GifFile"/> into <paramref name="docsDir"/>.</summary>
    public static async Task WriteAsync(string video, string docsDir, CancellationToken cancellationToken)
    {
        var every = Seconds(StepSeconds);
        await FfmpegAsync(
            [
                "-ss",
                Seconds(StartSeconds),
                "-i",
                video,
                "-vf",
                $"fps=1/{every},crop=iw/2:ih/2:iw/4:ih/12,scale=160:-2,tile={Frames}x1:padding=2",
                "-frames:v",
                "1",
                Path.Combine(docsDir, StripFile),
            ],
            cancellationToken
        );
        await FfmpegAsync(
            [
                "-t",
                "3",
                "-i",
                video,
                "-vf",
                "fps=10,scale=256:-2:flags=lanczos,split[a][b];[a]palettegen=max_colors=128[p];[b][p]paletteuse=dither=bayer",
                "-loop",
                "0",
                Path.Combine(docsDir, GifFile),
            ],
            cancellationToken
        );
    }

    private static Task FfmpegAsync(string[] arguments, CancellationToken cancellationToken) =>
        Cli.Wrap("ffmpeg").WithArguments(["-v", "error", "-y", .. arguments]).ExecuteBufferedAsync(cancellationToken);

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
