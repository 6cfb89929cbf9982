using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Contracts;
using Serverless.RenderEngine.Chunking;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Media.Mp4;
using Serverless.TestFixtures;

namespace Serverless.RenderEngine.Tests.Chunking;

public sealed class StitchTests : IDisposable
{
    private const int Frame = 640;
    private readonly string _dir = Directory.CreateTempSubdirectory("stitch-test-").FullName;
    private readonly ServiceProvider _services;

    public StitchTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["WORK_DIR"] = Path.Combine(_dir, "work") })
            .Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddRenderEngine()
            .AddRenderChunking()
            .BuildServiceProvider();
    }

    private ChunkStitcher Stitcher => _services.GetRequiredService<ChunkStitcher>();

    [Theory(Timeout = 120_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Chunks_cut_from_one_moving_picture_are_joined_back_into_it_frame_for_frame_under_the_original_audio(bool forStitch)
    {
        var (audio, plan) = await SpeechAndPlanAsync(11.3, limit: 4);
        Assert.Equal(3, plan.Chunks.Count);
        var input = await InputAsync(audio, plan, _ => ChunkMedia.Moving, forStitch);

        var outcome = await Stitcher.StitchAsync(input, Work(), 0, default);

        // Chunks rendered for stitching have their bodies copied; any others are encoded again, to the same result.
        Assert.Equal(forStitch, outcome.CopiedBodies);

        var probed = await Ffprobe.ProbeAsync(input.VideoPath);
        Assert.InRange(probed.DurationSec, 11.3 - 0.1, 11.3 + 0.1);
        Assert.InRange(outcome.DurationSec, 11.3 - 0.1, 11.3 + 0.1);
        var inspection = await Mp4Inspector.TryInspectAsync(input.VideoPath, default);
        Assert.Empty(OutputVerifier.Problems(inspection!.Info, inspection.FastStart, 11.3, 0));
        Assert.Equal("mjpeg", (await Ffprobe.ProbeAsync(input.PosterPath)).CodecOf("video"));

        // The audio is the whole original, sample for sample: the same decoded PCM as the AAC a normal render makes.
        var reference = await _services.GetRequiredService<AudioPreparer>().PrepareAsync(audio, 0, false, Work(), default);
        Assert.Equal(await ChunkMedia.DecodedAudioMd5Async(reference.AacPath), await ChunkMedia.DecodedAudioMd5Async(input.VideoPath));
        // All of it, continuous: the original's samples plus at most the AAC encoder's padding of its last frame.
        var samples = (long)Math.Round(11.3 * 44_100);
        Assert.InRange(await ChunkMedia.DecodedSamplesAsync(input.VideoPath), samples, samples + 1023);

        // Every frame is the source's frame at that time (a frame placed one off would differ like its neighbour).
        var stitched = await ChunkMedia.GrayFramesAsync(input.VideoPath);
        var source = await ChunkMedia.GrayFramesAsync(ChunkMedia.Moving, stitched.Count + 1, lavfi: true);
        Assert.Equal((int)Math.Ceiling(11.3 * 25), stitched.Count);
        for (var n = 1; n < stitched.Count; n++)
        {
            var error = ChunkMedia.Difference(stitched[n], source[n]);
            var step = Math.Min(ChunkMedia.Difference(source[n], source[n - 1]), ChunkMedia.Difference(source[n], source[n + 1]));
            Assert.True(error < step / 3, $"frame {n}: {error:0.00} grey levels off the source, whose neighbours differ by {step:0.00}");
        }
        AssertMovingAndLitAroundCuts(stitched, plan);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Each_cut_is_a_short_crossfade_from_one_chunk_to_the_next_with_no_frozen_or_black_frame(bool forStitch)
    {
        var (audio, plan) = await SpeechAndPlanAsync(8.5, limit: 5);
        Assert.Equal(2, plan.Chunks.Count);
        var input = await InputAsync(audio, plan, i => i == 0 ? ChunkMedia.Moving : ChunkMedia.MovingInverted, forStitch);

        Assert.Equal(forStitch, (await Stitcher.StitchAsync(input, Work(), 0, default)).CopiedBodies);

        var stitched = await ChunkMedia.GrayFramesAsync(input.VideoPath);
        var a = await ChunkMedia.GrayFramesAsync(ChunkMedia.Moving, stitched.Count, lavfi: true);
        var b = await ChunkMedia.GrayFramesAsync(ChunkMedia.MovingInverted, stitched.Count, lavfi: true);
        var cut = (int)(plan.Chunks[0].EndSample / Frame);
        var (first, last) = (cut - ChunkTiming.LeadFrames, cut + ChunkTiming.TailFrames - 1);
        Assert.True(ChunkMedia.Difference(stitched[first - 1], a[first - 1]) < 3, "before the window: the first chunk");
        Assert.True(ChunkMedia.Difference(stitched[last + 1], b[last + 1]) < 3, "after the window: the second chunk");
        var towardsB = Enumerable.Range(first - 1, last - first + 3).Select(n => ChunkMedia.Difference(stitched[n], b[n])).ToList();
        Assert.True(
            towardsB.Zip(towardsB.Skip(1)).All(p => p.Second < p.First),
            $"the fade moves steadily to the second chunk: {string.Join(", ", towardsB.Select(d => d.ToString("0.0")))}"
        );
        AssertMovingAndLitAroundCuts(stitched, plan);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_chunk_video_much_shorter_than_its_audio_is_bad_input_and_nothing_is_written()
    {
        var (audio, plan) = await SpeechAndPlanAsync(8.5, limit: 5);
        var input = await InputAsync(audio, plan, _ => ChunkMedia.Moving);
        await ChunkMedia.ChunkVideoAsync(ChunkMedia.Moving, 0, 25, input.ChunkVideoPaths[1]);

        var ex = await Assert.ThrowsAsync<RenderFailedException>(() => Stitcher.StitchAsync(input, Work(), 0, default));

        Assert.Equal(RenderErrorCode.BadInput, ex.Error.Code);
        Assert.Contains("Chunk video 1", ex.Error.Message);
        Assert.False(File.Exists(input.VideoPath));
    }

    private static void AssertMovingAndLitAroundCuts(List<byte[]> frames, ChunkPlan plan)
    {
        foreach (var chunk in plan.Chunks.SkipLast(1))
        {
            var cut = (int)(chunk.EndSample / Frame);
            for (var n = cut - 6; n <= cut + 6; n++)
            {
                Assert.True(
                    ChunkMedia.Difference(frames[n], frames[n - 1]) > 0.5,
                    $"frame {n} (cut at {cut}) is not a repeat of the one before"
                );
                Assert.True(ChunkMedia.MeanLuma(frames[n]) > 40, $"frame {n} (cut at {cut}) is not black");
            }
        }
    }

    /// <summary>An original 44.1 kHz track and the plan made from its 16 kHz preparation (a tone: the cuts fall at the equal splits).</summary>
    private async Task<(string Audio, ChunkPlan Plan)> SpeechAndPlanAsync(double seconds, double limit)
    {
        var audio = Path.Combine(_dir, "speech.wav");
        await ChunkMedia.FfmpegAsync(
            "-f",
            "lavfi",
            "-i",
            $"sine=frequency=300:sample_rate=44100:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            audio
        );
        var planned = await _services.GetRequiredService<SpeechChunker>().PlanAsync(audio, new RenderOptions(), limit, Work(), default);
        return (audio, planned.Plan!);
    }

    private async Task<StitchInput> InputAsync(string audio, ChunkPlan plan, Func<int, string> source, bool forStitch = false)
    {
        var paths = new List<string>();
        foreach (var chunk in plan.Chunks)
        {
            var path = Path.Combine(_dir, $"chunk{chunk.Index}.mp4");
            await ChunkMedia.ChunkVideoAsync(
                source(chunk.Index),
                StitchGraph.FirstFrame(chunk, Frame),
                StitchGraph.Frames(chunk, Frame),
                path,
                forStitch
            );
            paths.Add(path);
        }
        return new StitchInput
        {
            Plan = plan,
            ChunkVideoPaths = paths,
            AudioPath = audio,
            VideoPath = Path.Combine(_dir, "stitched.mp4"),
            PosterPath = Path.Combine(_dir, "poster.jpg"),
        };
    }

    private string Work() => Directory.CreateDirectory(Path.Combine(_dir, "work", Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
