using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Media;

/// <summary>
/// Long speech with real pauses for the <c>chunked</c> verb: whole sentences spoken by espeak-ng in one run (its
/// pauses between words and sentences are what the splitter cuts in), as many as fit, then padded with silence to
/// the length asked for, as 16 kHz mono PCM (what the render worker converts every input to, so no resampling
/// changes the length).
/// </summary>
internal static class LongSpeech
{
    /// <summary>
    /// The track ends one video frame (40 ms) short of the length asked for: 120 s must split into exactly
    /// ceil(119.96 / 15) = 8 chunks, whatever a conversion rounds.
    /// </summary>
    public const double FrameMarginSeconds = 0.04;

    private static readonly string[] s_sentences =
    [
        "Long videos take a long time to render, and the people who order them have noticed.",
        "One minute of speech can keep a graphics card busy for half an hour, so the speech is split at its pauses.",
        "Each piece is rendered on its own card, at the same time as the others, and the pieces are joined again.",
        "The joins should not be visible: a short crossfade hides the small jump of the head between two pieces.",
        "The sound is never cut, because the original track is laid under the joined pictures.",
        "Planning looks for the quiet moments between words and sentences, close to where an even split would fall.",
        "If there is no quiet moment nearby, the cut is made anyway, but no piece may grow much longer than the limit.",
        "That keeps the longest piece short, and the longest piece decides how long the whole job takes.",
        "Every piece pays for loading the model once, which is why the pieces are not made any shorter.",
        "A graphics card that loads the model eight times works a little longer in total, but the viewer waits far less.",
        "The benchmark measures both: the time from the lease of the job to its report, and the seconds of work.",
        "It starts a fresh stack for every number of workers, so that no run inherits a warm queue from the one before.",
        "The workers here are simulated: they sleep as long as a real card would work, and encode a small video.",
        "So four workers on two processor cores behave like four graphics cards, as far as waiting is concerned.",
        "The stitch at the end runs on one worker, and it should take only a small part of the rendering time.",
        "When it is done, the video is published, the backend is told, and the job is over.",
        "Nothing in this text matters except its rhythm: sentences of different lengths, with commas and full stops.",
        "Real speech has pauses of every length, from the breath between two words to the silence after a question.",
        "Why would anyone wait six minutes for a video that eight cards can make in one?",
        "There is no good reason, as long as the cards are free, and in the cloud they usually are.",
    ];

    /// <summary>Writes the track to <paramref name="path"/> and returns its length in seconds.</summary>
    public static async Task<double> CreateAsync(double seconds, string path, CancellationToken cancellationToken)
    {
        var length = seconds - FrameMarginSeconds;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var raw = Path.Combine(dir, "espeak.wav");

        // Estimate from one pass over the distinct sentences, then adjust: the most sentences that fit.
        var count = (int)(length / await SpeakAsync(s_sentences.Length, raw, cancellationToken) * s_sentences.Length);
        while (count > 1 && await SpeakAsync(count, raw, cancellationToken) > length)
            count--;
        while (await SpeakAsync(count + 1, raw, cancellationToken) <= length)
            count++;
        await SpeakAsync(count, raw, cancellationToken);

        await Cli.Wrap("ffmpeg")
            .WithArguments([
                "-v",
                "error",
                "-y",
                "-i",
                raw,
                "-af",
                "apad",
                "-t",
                length.ToString("0.000", CultureInfo.InvariantCulture),
                "-ac",
                "1",
                "-ar",
                "16000",
                "-c:a",
                "pcm_s16le",
                path,
            ])
            .ExecuteBufferedAsync(cancellationToken);
        File.Delete(raw);
        return (await Ffprobe.ProbeAsync(path, cancellationToken)).DurationSec;
    }

    private static string Text(int sentences) =>
        string.Join(" ", Enumerable.Range(0, sentences).Select(i => s_sentences[i % s_sentences.Length]));

    private static async Task<double> SpeakAsync(int sentences, string path, CancellationToken cancellationToken)
    {
        await Cli.Wrap("espeak-ng").WithArguments(["-v", "en-us", "-w", path, Text(sentences)]).ExecuteBufferedAsync(cancellationToken);
        return (await Ffprobe.ProbeAsync(path, cancellationToken)).DurationSec;
    }
}
