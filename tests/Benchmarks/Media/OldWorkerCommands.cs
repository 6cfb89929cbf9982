using CliWrap;
using CliWrap.Buffered;

namespace Serverless.Benchmarks.Media;

/// <summary>The old Python worker's ffmpeg commands, argument for argument.</summary>
internal static class OldWorkerCommands
{
    /// <summary>
    /// <c>ffmpeg -y -loop 1 -i IMG -i AUDIO -c:v libx264 -tune stillimage -pix_fmt yuv420p
    /// -vf "scale='min(1080,iw)':-2" -c:a aac -b:a 192k -shortest OUT.mp4</c>
    /// </summary>
    public static Task RenderAsync(string image, string audio, string output, CancellationToken cancellationToken) =>
        Cli.Wrap("ffmpeg")
            .WithArguments([
                "-v",
                "error",
                "-y",
                "-loop",
                "1",
                "-i",
                image,
                "-i",
                audio,
                "-c:v",
                "libx264",
                "-tune",
                "stillimage",
                "-pix_fmt",
                "yuv420p",
                "-vf",
                "scale='min(1080,iw)':-2",
                "-c:a",
                "aac",
                "-b:a",
                "192k",
                "-shortest",
                output,
            ])
            .ExecuteBufferedAsync(cancellationToken);

    /// <summary>The audio as SadTalker wants it: 16 kHz mono WAV.</summary>
    public static Task ToWav16kAsync(string audio, string output, CancellationToken cancellationToken) =>
        Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-y", "-i", audio, "-ar", "16000", "-ac", "1", output])
            .ExecuteBufferedAsync(cancellationToken);
}
