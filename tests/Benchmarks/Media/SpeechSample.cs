using CliWrap;
using CliWrap.Buffered;

namespace Serverless.Benchmarks.Media;

/// <summary>The ~37 s espeak-ng clip every benchmark speaks, and longer audio made from it.</summary>
internal static class SpeechSample
{
    public const string Text =
        "Welcome to the talking head pipeline. This clip is spoken by espeak, the offline voice, so that the benchmark "
        + "runs anywhere. The portrait stays still while the speech plays, which is exactly what the fallback renderer "
        + "produces when no GPU is available. We measure how long it takes to turn this speech and the portrait into "
        + "a video that meets every guarantee: H.264, AAC, twenty five frames per second, fast start, and a duration "
        + "equal to the speech. The old worker encoded every single frame of the still image. The new renderer encodes "
        + "one second once and repeats it by copying, so its cost hardly grows with the length of the speech.";

    /// <summary>Speaks <see cref="Text"/> into <paramref name="path"/> (WAV).</summary>
    public static async Task<string> CreateAsync(string path, CancellationToken cancellationToken)
    {
        await Cli.Wrap("espeak-ng").WithArguments(["-w", path, Text]).ExecuteBufferedAsync(cancellationToken);
        return path;
    }

    /// <summary>Repeats <paramref name="source"/> into a WAV of exactly <paramref name="seconds"/>.</summary>
    public static async Task<string> LoopAsync(string source, double seconds, string path, CancellationToken cancellationToken)
    {
        await Cli.Wrap("ffmpeg")
            .WithArguments([
                "-v",
                "error",
                "-y",
                "-stream_loop",
                "-1",
                "-i",
                source,
                "-t",
                seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-c:a",
                "pcm_s16le",
                path,
            ])
            .ExecuteBufferedAsync(cancellationToken);
        return path;
    }
}
