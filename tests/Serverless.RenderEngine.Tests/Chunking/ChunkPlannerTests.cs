using Serverless.Contracts;
using Serverless.RenderEngine.Chunking;

namespace Serverless.RenderEngine.Tests.Chunking;

public sealed class ChunkPlannerTests
{
    private const int Rate = 16_000;
    private const int Frame = 640;

    private static long S(double seconds) => (long)Math.Round(seconds * Rate);

    private static Silence Pause(double from, double to) => new(S(from), S(to));

    [Theory]
    [InlineData(14.9, 15)]
    [InlineData(15, 15)]
    [InlineData(120, 0)]
    public void Speech_no_longer_than_the_limit_or_a_zero_limit_is_one_chunk_that_covers_it_all(double seconds, double limit)
    {
        var plan = ChunkPlanner.Plan(S(seconds), Rate, [Pause(5, 5.5)], limit);

        var chunk = Assert.Single(plan.Chunks);
        Assert.Equal((0, S(seconds), 0, S(seconds)), (chunk.StartSample, chunk.EndSample, chunk.AudioStartSample, chunk.AudioEndSample));
        Assert.Null(plan.Problem());
    }

    [Fact]
    public void Each_cut_goes_to_the_pause_nearest_its_equal_split_point()
    {
        // 40 s at 15 s: three chunks, equal-split points at 13.33 s and 26.67 s.
        Silence[] pauses = [Pause(4, 4.4), Pause(11.9, 12.3), Pause(14.0, 14.3), Pause(25.0, 25.4), Pause(27.5, 27.8), Pause(35, 35.5)];

        var plan = ChunkPlanner.Plan(S(40), Rate, pauses, 15);

        Assert.Equal(3, plan.Chunks.Count);
        Assert.InRange(plan.Chunks[0].EndSample, S(14.0), S(14.3));
        Assert.InRange(plan.Chunks[1].EndSample, S(27.5), S(27.8));
        Assert.All(plan.Chunks.SkipLast(1), c => Assert.True(c.EndsInPause));
        Assert.Null(plan.Problem());
    }

    [Fact]
    public void Without_a_pause_within_reach_the_cut_is_made_at_the_equal_split_point_on_a_frame_boundary()
    {
        // The only pause would make the first chunk 19.5 s, over 1.25 × 15 s.
        var plan = ChunkPlanner.Plan(S(30), Rate, [Pause(19.5, 20)], 15);

        Assert.Equal(2, plan.Chunks.Count);
        Assert.False(plan.Chunks[0].EndsInPause);
        Assert.Equal(0, plan.Chunks[0].EndSample % Frame);
        Assert.InRange(plan.Chunks[0].EndSample, S(15) - Frame, S(15) + Frame);
    }

    [Fact]
    public void A_far_pause_is_used_rather_than_a_cut_mid_word_as_long_as_every_chunk_stays_within_the_bounds()
    {
        var plan = ChunkPlanner.Plan(S(30), Rate, [Pause(17.6, 18.0)], 15);

        Assert.True(plan.Chunks[0].EndsInPause);
        Assert.InRange(plan.Chunks[0].EndSample, S(17.6), S(18.0));
        Assert.All(plan.Chunks, c => Assert.InRange(c.EndSample - c.StartSample, S(7.5), S(18.75)));
    }

    [Fact]
    public void Every_cut_is_on_a_frame_boundary_and_neighbours_share_the_crossfade_window()
    {
        var plan = ChunkPlanner.Plan(S(61.37), Rate, [Pause(14.01, 14.33), Pause(31.17, 31.5), Pause(45.9, 46.2)], 15);

        Assert.Equal(5, plan.Chunks.Count);
        Assert.Null(plan.Problem());
        Assert.All(plan.Chunks.SkipLast(1), c => Assert.Equal(0, c.EndSample % Frame));
        Assert.Equal(0, plan.Chunks[0].AudioStartSample);
        Assert.Equal(plan.TotalSamples, plan.Chunks[^1].AudioEndSample);
        foreach (var (before, after) in plan.Chunks.Zip(plan.Chunks.Skip(1)))
        {
            Assert.Equal(before.EndSample + ChunkTiming.TailFrames * Frame, before.AudioEndSample);
            Assert.Equal(after.StartSample - ChunkTiming.LeadFrames * Frame, after.AudioStartSample);
        }
    }

    [Fact]
    public void Many_pauses_give_balanced_chunks_and_the_same_speech_always_gets_the_same_plan()
    {
        // A pause every 1.7 s over two minutes.
        var pauses = Enumerable.Range(1, 70).Select(i => Pause(i * 1.7, i * 1.7 + 0.2)).ToArray();

        var plan = ChunkPlanner.Plan(S(120), Rate, pauses, 15);
        var again = ChunkPlanner.Plan(S(120), Rate, pauses.Reverse().ToArray(), 15);

        Assert.Equal(8, plan.Chunks.Count);
        var lengths = plan.Chunks.Select(c => (c.EndSample - c.StartSample) / (double)Rate).ToList();
        Assert.True(lengths.Max() - lengths.Min() < 2 * 1.7, $"chunk lengths {string.Join(", ", lengths)}");
        Assert.Equal(RenderQueueJson.Serialize(plan), RenderQueueJson.Serialize(again));
    }

    [Fact]
    public void Speech_that_would_need_more_than_the_chunk_cap_gets_that_many_longer_chunks()
    {
        var plan = ChunkPlanner.Plan(S(600), Rate, [], 5);

        Assert.Equal(ChunkTiming.MaxChunks, plan.Chunks.Count);
        Assert.All(plan.Chunks, c => Assert.InRange((c.EndSample - c.StartSample) / (double)Rate, 18.7, 18.8));
        Assert.Null(plan.Problem());
    }

    [Fact]
    public void Silencedetect_output_is_read_in_samples_and_a_pause_left_open_runs_to_the_end()
    {
        const string log = """
            size=N/A time=00:00:00.12 bitrate=N/A speed=N/A    [silencedetect @ 0x5] silence_start: 2.587
            [silencedetect @ 0x5] silence_end: 2.95838 | silence_duration: 0.371375
            [silencedetect @ 0x5] silence_start: 19.7822
            """;

        var silences = SilenceDetector.Parse(log, Rate, S(20));

        Assert.Equal([new Silence(41_392, 47_334), new Silence(316_515, S(20))], silences);
    }
}
