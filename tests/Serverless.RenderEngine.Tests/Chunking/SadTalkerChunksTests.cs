using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Contracts;
using Serverless.RenderEngine.Chunking;
using Serverless.TestFixtures;

namespace Serverless.RenderEngine.Tests.Chunking;

/// <summary>The whole chain on one machine: plan real speech, render each chunk with (the fake) SadTalker, stitch.</summary>
public sealed class SadTalkerChunksTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sadtalker-chunks-").FullName;
    private readonly ServiceProvider _services;

    public SadTalkerChunksTests()
    {
        // A fake that ships its own SadTalker root (checkpoints/, gfpgan/weights/) is used with it; else an empty root.
        var root = Path.GetDirectoryName(EngineHarness.FakeSadTalkerDll)!;
        if (!Directory.Exists(Path.Combine(root, "checkpoints")))
            root = Directory.CreateDirectory(Path.Combine(_dir, "sadtalker", "checkpoints")).Parent!.FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["SADTALKER_CMD"] = EngineHarness.FakeSadTalkerProgram,
                    ["SADTALKER_WORKDIR"] = root,
                    ["WORK_DIR"] = Path.Combine(_dir, "work"),
                }
            )
            .Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddRenderEngine()
            .AddRenderChunking()
            .BuildServiceProvider();
    }

    [Fact(Timeout = 120_000)]
    public async Task Speech_planned_rendered_chunk_by_chunk_with_SadTalker_and_stitched_is_one_video_as_long_as_the_speech()
    {
        var speech = Path.Combine(_dir, "speech.wav");
        await Cli.Wrap("espeak-ng")
            .WithArguments([
                "-v",
                "en-us",
                "-w",
                speech,
                "Short pieces render fast. Each piece is a chunk, and every chunk goes to its own card. "
                    + "When all of them are back, the stitch joins them under the original sound, with a crossfade at every cut.",
            ])
            .ExecuteBufferedAsync();
        var chunker = _services.GetRequiredService<SpeechChunker>();
        Assert.True(chunker.RendersWithSadTalker(new RenderOptions()), "the fake SadTalker counts as installed");

        var planned = await chunker.PlanAsync(speech, new RenderOptions(), 4, Work(), default);

        var plan = planned.Plan!;
        Assert.True(plan.Chunks.Count >= 2, $"{plan.DurationSec:0.0} s in {plan.Chunks.Count} chunks");
        var videos = new List<string>();
        foreach (var chunk in plan.Chunks)
        {
            var outcome = await _services
                .GetRequiredService<IVideoRenderer>()
                .RenderAsync(
                    new RenderInput
                    {
                        ImagePath = RepoPaths.SamplePortrait,
                        AudioPath = CutChunk(planned.Audio.Wav16kPath!, chunk),
                        VideoPath = Path.Combine(_dir, $"chunk{chunk.Index}.mp4"),
                        PosterPath = Path.Combine(_dir, $"chunk{chunk.Index}.jpg"),
                        Renderer = RendererChoice.SadTalker,
                        ForStitch = true,
                    },
                    default
                );
            Assert.Equal(Renderer.SadTalker, outcome.Renderer);
            videos.Add(Path.Combine(_dir, $"chunk{chunk.Index}.mp4"));
        }
        var input = new StitchInput
        {
            Plan = plan,
            ChunkVideoPaths = videos,
            AudioPath = speech,
            VideoPath = Path.Combine(_dir, "stitched.mp4"),
            PosterPath = Path.Combine(_dir, "stitched.jpg"),
        };

        var stitched = await _services.GetRequiredService<ChunkStitcher>().StitchAsync(input, Work(), 0, default);

        Assert.Null(stitched.NotCopiedBecause); // chunks rendered for stitching are copied, not encoded again
        Assert.InRange(stitched.DurationSec, planned.Audio.DurationSec - 0.1, planned.Audio.DurationSec + 0.1);
        Assert.InRange(
            (await Ffprobe.ProbeAsync(input.VideoPath)).DurationSec,
            planned.Audio.DurationSec - 0.1,
            planned.Audio.DurationSec + 0.1
        );
        var frames = (await ChunkMedia.GrayFramesAsync(input.VideoPath)).Count;
        Assert.InRange(frames, (int)Math.Floor(planned.Audio.DurationSec * 25), (int)Math.Ceiling(planned.Audio.DurationSec * 25));
        Assert.True(File.Exists(input.PosterPath));
    }

    /// <summary>The chunk's audio, cut from the prepared speech the way the pipeline's splitter cuts it.</summary>
    private string CutChunk(string wavPath, PlannedChunk chunk)
    {
        var wav = Pcm16Wav.Read(wavPath);
        var bytes = File.ReadAllBytes(wavPath).AsSpan((int)(wav.DataOffset + chunk.AudioStartSample * 2), (int)chunk.AudioSamples * 2);
        var path = Path.Combine(_dir, $"chunk{chunk.Index}.wav");
        File.WriteAllBytes(path, [.. wav.HeaderFor(chunk.AudioSamples), .. bytes]);
        return path;
    }

    private string Work() => Directory.CreateDirectory(Path.Combine(_dir, "work", Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
