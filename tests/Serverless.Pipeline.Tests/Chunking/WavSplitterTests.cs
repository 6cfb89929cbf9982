using Serverless.Contracts;
using Serverless.Pipeline.Chunking;

namespace Serverless.Pipeline.Tests.Chunking;

public sealed class WavSplitterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wav-splitter-").FullName;

    private string ChunkPath(int index) => Path.Combine(_dir, $"chunk{index}.wav");

    [Fact(Timeout = 30_000)]
    public async Task Each_chunk_holds_exactly_the_planned_samples_of_the_speech_as_ffmpeg_decodes_them()
    {
        var speech = await SpeechWavs.NoiseAsync(_dir, 4.4037);
        var whole = await SpeechWavs.DecodeAsync(speech);
        var plan = SpeechWavs.ThreeChunks(whole.Length / 2);

        await WavSplitter.SplitAsync(speech, plan, ChunkPath, default);

        foreach (var chunk in plan.Chunks)
        {
            var decoded = await SpeechWavs.DecodeAsync(ChunkPath(chunk.Index));
            var expected = whole.AsSpan((int)chunk.AudioStartSample * 2, (int)chunk.AudioSamples * 2).ToArray();
            Assert.True(
                expected.AsSpan().SequenceEqual(decoded),
                $"chunk {chunk.Index}: {decoded.Length / 2} samples, expected {chunk.AudioSamples} from sample {chunk.AudioStartSample}"
            );
            var header = Pcm16Wav.Read(ChunkPath(chunk.Index));
            Assert.Equal((16_000, 1, Pcm16Wav.HeaderBytes), (header.SampleRate, header.Channels, (int)header.DataOffset));
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task The_owned_parts_of_the_chunks_put_back_together_are_the_whole_speech()
    {
        var speech = await SpeechWavs.NoiseAsync(_dir, 4.4037);
        var whole = await SpeechWavs.DecodeAsync(speech);
        var plan = SpeechWavs.ThreeChunks(whole.Length / 2);

        await WavSplitter.SplitAsync(speech, plan, ChunkPath, default);

        var joined = new List<byte>();
        foreach (var chunk in plan.Chunks)
        {
            var decoded = await SpeechWavs.DecodeAsync(ChunkPath(chunk.Index));
            var lead = (int)(chunk.StartSample - chunk.AudioStartSample) * 2;
            joined.AddRange(decoded.AsSpan(lead, (int)(chunk.EndSample - chunk.StartSample) * 2).ToArray());
        }
        Assert.True(whole.AsSpan().SequenceEqual(joined.ToArray()), "sample-exact");
    }

    [Theory(Timeout = 30_000)]
    [InlineData(16_000, 1)]
    [InlineData(22_050, 0)]
    public async Task Speech_that_is_not_what_the_plan_was_made_for_is_refused_with_the_reason(int sampleRate, int extraSamples)
    {
        var speech = await SpeechWavs.NoiseAsync(_dir, 4.4037, sampleRate);
        var samples = (await SpeechWavs.DecodeAsync(speech)).Length / 2;
        var plan = SpeechWavs.ThreeChunks(samples + extraSamples);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => WavSplitter.SplitAsync(speech, plan, ChunkPath, default));

        Assert.Contains("the plan is for", ex.Message);
        Assert.False(File.Exists(ChunkPath(0)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
