using CliWrap;

namespace Serverless.Pipeline.Tests.Captions;

/// <summary>Any audio file decoded by ffmpeg to 16 kHz mono 16-bit samples.</summary>
internal static class DecodedAudio
{
    public const int SampleRate = 16000;

    public static async Task<short[]> ReadAsync(string path, string format)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var pcm = new MemoryStream();
        await Cli.Wrap("ffmpeg")
            .WithArguments([
                "-hide_banner",
                "-loglevel",
                "error",
                "-nostdin",
                "-protocol_whitelist",
                "file,pipe",
                "-f",
                format,
                "-i",
                path,
                "-ac",
                "1",
                "-ar",
                SampleRate.ToString(),
                "-f",
                "s16le",
                "pipe:1",
            ])
            .WithStandardOutputPipe(PipeTarget.ToStream(pcm))
            .ExecuteAsync(timeout.Token);
        var bytes = pcm.ToArray();
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        return samples;
    }
}
