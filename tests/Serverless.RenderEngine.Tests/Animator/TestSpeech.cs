using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace Serverless.RenderEngine.Tests.Animator;

/// <summary>Real speech from espeak-ng, with a silent lead-in and a long pause in the middle, as a 16 kHz mono WAV.</summary>
internal static class TestSpeech
{
    public const double LeadInSeconds = 0.6;
    public const double PauseSeconds = 1.2;

    public static async Task<string> WriteAsync(string dir, string name = "speech.wav")
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = Path.Combine(dir, "first.wav");
        var second = Path.Combine(dir, "second.wav");
        await Espeak(first, "Hello there. This portrait talks on every machine, with or without a graphics card.", timeout.Token);
        await Espeak(second, "Its mouth opens with the voice, and it closes again when the speaker pauses.", timeout.Token);
        var path = Path.Combine(dir, name);
        string S(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        await Cli.Wrap("ffmpeg")
            .WithArguments([
                "-v",
                "error",
                "-y",
                "-i",
                first,
                "-i",
                second,
                "-filter_complex",
                $"[0:a]aresample=16000,adelay={S(LeadInSeconds * 1000)},apad=pad_dur={S(PauseSeconds)}[a];[1:a]aresample=16000,apad=pad_dur=0.4[b];[a][b]concat=n=2:v=0:a=1",
                "-ac",
                "1",
                "-ar",
                "16000",
                "-c:a",
                "pcm_s16le",
                path,
            ])
            .ExecuteBufferedAsync(timeout.Token);
        return path;
    }

    private static Task Espeak(string path, string text, CancellationToken cancellationToken) =>
        Cli.Wrap("espeak-ng").WithArguments(["-v", "en-us", "-s", "165", "-w", path, text]).ExecuteBufferedAsync(cancellationToken);
}
