using CliWrap;
using CliWrap.Buffered;
using Serverless.Contracts;
using Serverless.RenderEngine.Chunking;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Tests.Chunking;

/// <summary>The planner on real espeak-ng speech, its pauses found by the real silencedetect.</summary>
public sealed class SpeechChunkingTests : IDisposable
{
    private const double Limit = 15;
    private readonly string _dir = Directory.CreateTempSubdirectory("chunking-speech-").FullName;

    private const string Text =
        "Long videos take a long time to render, and the users of this pipeline have noticed. "
        + "One minute of speech can keep a graphics card busy for half an hour, so the speech is split at its pauses. "
        + "Each piece is rendered on its own card, at the same time as the others, and the pieces are joined again. "
        + "The joins should not be visible: a short crossfade hides the jump of the head between two pieces. "
        + "The sound is never cut, because the original track is laid under the joined pictures. "
        + "Planning looks for the quiet moments between words and sentences, close to where an even split would fall. "
        + "If there is no quiet moment nearby, the cut is made anyway, but no piece may grow much longer than the limit. "
        + "That keeps the longest piece short, and the longest piece decides how long the whole job takes.";

    [Fact(Timeout = 60_000)]
    public async Task Cuts_in_real_speech_fall_in_its_pauses_and_every_chunk_stays_within_the_bounds()
    {
        var wav = await SpeechAsync();
        var header = Pcm16Wav.Read(wav);
        var detector = new SilenceDetector(new Tool("ffmpeg", "ffmpeg", TimeSpan.FromMinutes(1)));

        var silences = await detector.DetectAsync(wav, header.SampleRate, header.Samples, default);
        var plan = ChunkPlanner.Plan(header.Samples, header.SampleRate, silences, Limit);

        var seconds = header.Samples / (double)header.SampleRate;
        Assert.True(seconds > 2 * Limit, $"the speech is {seconds:0.0} s: long enough for several chunks");
        Assert.Equal((int)Math.Ceiling(seconds / Limit), plan.Chunks.Count);
        Assert.Null(plan.Problem());
        Assert.All(plan.Chunks, c => Assert.InRange((c.EndSample - c.StartSample) / 16_000.0, Limit * 0.5, Limit * 1.25));
        var samples = ReadSamples(wav, header);
        foreach (var cut in plan.Chunks.SkipLast(1))
        {
            Assert.True(cut.EndsInPause, $"chunk {cut.Index} ends in a pause");
            // Independently of silencedetect: the 20 ms around the cut are near silent (below -30 dBFS).
            var around = samples.AsSpan((int)cut.EndSample - 160, 320).ToArray();
            var peak = around.Max(s => Math.Abs((int)s));
            Assert.True(peak < 32768 * 0.0316, $"the cut at {cut.EndSample / 16_000.0:0.000} s has a peak of {peak}");
        }
    }

    private async Task<string> SpeechAsync()
    {
        var raw = Path.Combine(_dir, "speech.wav");
        var wav = Path.Combine(_dir, "speech16k.wav");
        await Cli.Wrap("espeak-ng").WithArguments(["-v", "en-us", "-w", raw, Text]).ExecuteBufferedAsync();
        await Cli.Wrap("ffmpeg")
            .WithArguments(["-v", "error", "-y", "-i", raw, "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", wav])
            .ExecuteBufferedAsync();
        return wav;
    }

    private static short[] ReadSamples(string path, Pcm16Wav header)
    {
        var bytes = File.ReadAllBytes(path).AsSpan((int)header.DataOffset, (int)header.DataBytes);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes).ToArray();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
