using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Media;

/// <summary>The speech track in the two forms the renderers need, trimmed the same way.</summary>
public sealed record PreparedAudio(string AacPath, string? Wav16kPath, double DurationSec);

/// <summary>
/// Encodes the speech to AAC (and 16 kHz mono WAV for SadTalker and the animator). The encode is also the audio's validation: a
/// file ffmpeg cannot decode, without sound, or longer than MAX_INPUT_AUDIO_SECONDS is rejected as bad input,
/// and reading stops just past that limit, so a huge file costs no more than an allowed one.
/// </summary>
public sealed partial class AudioPreparer(Tool ffmpeg, IOptions<RenderEngineOptions> options)
{
    private const double MinSeconds = 0.1;

    /// <param name="maxSeconds">Trim to this many seconds; 0 = keep it whole.</param>
    /// <param name="withWav16k">Also write the 16 kHz mono WAV that SadTalker and the animator read.</param>
    public async Task<PreparedAudio> PrepareAsync(
        string audioPath,
        double maxSeconds,
        bool withWav16k,
        string workDir,
        CancellationToken cancellationToken
    )
    {
        if (new FileInfo(audioPath).Length == 0)
            throw InputValidator.BadInput("The audio file is empty.");
        var demuxer = await DetectAsync(audioPath, cancellationToken);

        var limit = options.Value.MaxInputAudioSeconds;
        var readUpTo = maxSeconds > 0 ? Math.Min(maxSeconds, limit + 1) : limit + 1;
        string[] input =
        [
            "-hide_banner",
            "-nostdin",
            "-y",
            "-t",
            VideoFormat.Seconds(readUpTo),
            .. MediaInput.Of(audioPath, demuxer),
            "-vn",
        ];
        var aac = AacPath(workDir);
        var wav = withWav16k ? Path.Combine(workDir, "speech16k.wav") : null;

        var encodeAac = ffmpeg.ExecuteAsync(
            [.. input, "-c:a", "aac", "-aac_coder", "fast", "-b:a", VideoFormat.AudioBitrate, aac],
            cancellationToken
        );
        var encodeWav = wav is null
            ? Task.CompletedTask
            : ffmpeg.RunAsync([.. input, "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", wav], cancellationToken);

        var result = await encodeAac;
        var log = result.StandardError;
        if (result.ExitCode != 0)
        {
            var reason = log.Contains("does not contain any stream", StringComparison.Ordinal)
                ? "no audio stream found"
                : "ffmpeg cannot read it";
            throw InputValidator.BadInput($"The audio cannot be decoded ({reason}).");
        }
        await encodeWav;

        var seconds = LastTime(EncodedTime(), log) ?? 0;
        var inputSeconds = LastTime(InputDuration(), log) ?? seconds;
        if (inputSeconds > limit)
            throw InputValidator.BadInput($"The audio is {inputSeconds:0.#} s long; the limit is {limit:0.#} s.");
        if (seconds < MinSeconds)
            throw InputValidator.BadInput($"The audio is empty ({seconds:0.###} s).");
        return new PreparedAudio(aac, wav, seconds);
    }

    /// <summary>The demuxer for the audio's format, decided from its first bytes; anything we do not accept is bad input.</summary>
    private static async Task<string> DetectAsync(string audioPath, CancellationToken cancellationToken)
    {
        var head = new byte[AudioFormat.HeadLength];
        int read;
        await using (var file = File.OpenRead(audioPath))
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return AudioFormat.Detect(head.AsSpan(0, read))
            ?? throw InputValidator.BadInput(
                $"The audio is not a WAV, MP3, AAC, M4A, Ogg, FLAC or WebM file ({AudioFormat.Describe(head.AsSpan(0, read))})."
            );
    }

    /// <summary>Where the AAC track of a job is written: known before it is, so a muxer can be started early.</summary>
    public static string AacPath(string workDir) => Path.Combine(workDir, "speech.m4a");

    private static double? LastTime(Regex pattern, string log)
    {
        var match = pattern.Matches(log).LastOrDefault();
        if (match is null)
            return null;
        return TimeSpan.TryParse(match.Groups["t"].Value, CultureInfo.InvariantCulture, out var time) ? time.TotalSeconds : null;
    }

    [GeneratedRegex(@"Duration: (?<t>\d+:\d\d:\d\d(\.\d+)?)")]
    private static partial Regex InputDuration();

    [GeneratedRegex(@"time=(?<t>\d+:\d\d:\d\d(\.\d+)?)")]
    private static partial Regex EncodedTime();
}
