using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Media;

/// <summary>The speech track in the two forms the renderers need, trimmed the same way.</summary>
public sealed record PreparedAudio(string AacPath, string? Wav16kPath, double DurationSec);

public sealed class AudioPreparer(Tool ffmpeg)
{
    /// <param name="maxSeconds">Trim to this many seconds; 0 = keep it whole.</param>
    /// <param name="forSadTalker">Also write the 16 kHz mono WAV SadTalker expects.</param>
    public async Task<PreparedAudio> PrepareAsync(
        string audioPath,
        double durationSec,
        double maxSeconds,
        bool forSadTalker,
        string workDir,
        CancellationToken cancellationToken
    )
    {
        var duration = maxSeconds > 0 ? Math.Min(durationSec, maxSeconds) : durationSec;
        string[] trim = maxSeconds > 0 ? ["-t", VideoFormat.Seconds(duration)] : [];
        var aac = Path.Combine(workDir, "speech.m4a");
        var wav = forSadTalker ? Path.Combine(workDir, "speech16k.wav") : null;

        var encodeAac = ffmpeg.RunAsync(
            ["-v", "error", "-y", "-i", audioPath, .. trim, "-vn", "-c:a", "aac", "-aac_coder", "fast", "-b:a", VideoFormat.AudioBitrate, aac],
            cancellationToken
        );
        var encodeWav = wav is null
            ? Task.CompletedTask
            : ffmpeg.RunAsync(
                ["-v", "error", "-y", "-i", audioPath, .. trim, "-vn", "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", wav],
                cancellationToken
            );
        await Task.WhenAll(encodeAac, encodeWav);
        return new PreparedAudio(aac, wav, duration);
    }
}
