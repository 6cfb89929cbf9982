using System.Globalization;
using System.Text.RegularExpressions;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Chunking;

/// <summary>
/// Finds the pauses of a speech track with ffmpeg's <c>silencedetect</c>: stretches quieter than
/// <see cref="NoiseDb"/> for at least <see cref="MinPauseSeconds"/>, the gaps between words and sentences of
/// synthesized or recorded speech.
/// </summary>
public sealed partial class SilenceDetector(Tool ffmpeg)
{
    public const string NoiseDb = "-35dB";
    public const double MinPauseSeconds = 0.15;

    public async Task<IReadOnlyList<Silence>> DetectAsync(
        string wavPath,
        int sampleRate,
        long totalSamples,
        CancellationToken cancellationToken
    )
    {
        var result = await ffmpeg.RunAsync(
            [
                "-hide_banner",
                "-nostdin",
                "-v",
                "info",
                .. MediaInput.Of(wavPath, Demuxer.Wav),
                "-af",
                $"silencedetect=noise={NoiseDb}:d={MinPauseSeconds.ToString(CultureInfo.InvariantCulture)}",
                "-f",
                "null",
                "-",
            ],
            cancellationToken
        );
        return Parse(result.StandardError, sampleRate, totalSamples);
    }

    /// <summary>
    /// Reads silencedetect's log lines (<c>silence_start: 1.2</c> … <c>silence_end: 1.5 | silence_duration: 0.3</c>);
    /// a start without an end is a pause that lasts to the end of the speech.
    /// </summary>
    public static IReadOnlyList<Silence> Parse(string log, int sampleRate, long totalSamples)
    {
        var silences = new List<Silence>();
        long? start = null;
        foreach (Match match in Event().Matches(log))
        {
            var sample = Math.Clamp(
                (long)Math.Round(double.Parse(match.Groups["t"].Value, CultureInfo.InvariantCulture) * sampleRate),
                0,
                totalSamples
            );
            if (match.Groups["kind"].Value == "start")
                start = sample;
            else if (start is { } s)
            {
                if (sample > s)
                    silences.Add(new Silence(s, sample));
                start = null;
            }
        }
        if (start is { } open && open < totalSamples)
            silences.Add(new Silence(open, totalSamples));
        return silences;
    }

    [GeneratedRegex(@"silence_(?<kind>start|end): (?<t>-?\d+(\.\d+)?(e-?\d+)?)")]
    private static partial Regex Event();
}
