using CliWrap;
using CliWrap.Buffered;
using Serverless.Contracts;

namespace Serverless.Pipeline.Tests.Chunking;

/// <summary>Speech-like WAVs written by real ffmpeg (with the LIST chunk it puts before the data) and plans over them.</summary>
internal static class SpeechWavs
{
    /// <summary>Seeded noise, so every sample differs from its neighbours and a cut one sample off shows.</summary>
    public static async Task<string> NoiseAsync(string dir, double seconds, int sampleRate = 16_000)
    {
        var path = Path.Combine(dir, "speech16k.wav");
        await Cli.Wrap("ffmpeg")
            .WithArguments([
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                $"anoisesrc=seed=7:sample_rate={sampleRate}:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                "-ac",
                "1",
                "-c:a",
                "pcm_s16le",
                path,
            ])
            .ExecuteBufferedAsync();
        return path;
    }

    /// <summary>Every sample ffmpeg decodes from a file, as raw 16-bit little-endian bytes.</summary>
    public static async Task<byte[]> DecodeAsync(string path)
    {
        using var raw = new MemoryStream();
        await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-i", path, "-f", "s16le", "-"])
            .WithStandardOutputPipe(PipeTarget.ToStream(raw))
            .ExecuteAsync();
        return raw.ToArray();
    }

    /// <summary>Three chunks cut at 1.6 s and 3.2 s, overlapping like the planner's (2 frames before a cut, 3 after).</summary>
    public static ChunkPlan ThreeChunks(long total) =>
        new()
        {
            SampleRate = 16_000,
            TotalSamples = total,
            Chunks =
            [
                new PlannedChunk
                {
                    Index = 0,
                    StartSample = 0,
                    EndSample = 25_600,
                    AudioStartSample = 0,
                    AudioEndSample = 27_520,
                },
                new PlannedChunk
                {
                    Index = 1,
                    StartSample = 25_600,
                    EndSample = 51_200,
                    AudioStartSample = 24_320,
                    AudioEndSample = 53_120,
                },
                new PlannedChunk
                {
                    Index = 2,
                    StartSample = 51_200,
                    EndSample = total,
                    AudioStartSample = 49_920,
                    AudioEndSample = total,
                },
            ],
        };
}
