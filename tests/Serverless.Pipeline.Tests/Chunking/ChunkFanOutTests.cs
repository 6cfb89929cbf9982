using Serverless.Contracts;
using Serverless.Pipeline.Chunking;

namespace Serverless.Pipeline.Tests.Chunking;

public sealed class ChunkFanOutTests
{
    private const string JobId = "665f1c2e9b1d8a0012345678";

    private static RenderResult Rendered(int index, int count = 5, long renderMs = 4000) =>
        new()
        {
            InstanceId = $"render-{JobId}",
            JobId = JobId,
            Status = RenderStatus.Succeeded,
            Renderer = Renderer.SadTalker,
            DurationSec = 15,
            Timings = new RenderTimings { PrepareMs = 500, RenderMs = renderMs },
            ChunkIndex = index,
            ChunkCount = count,
        };

    private static RenderResult Failed(int index, RenderErrorCode code, int count = 5) =>
        RenderResult.Failed($"render-{JobId}", JobId, new RenderError { Code = code, Message = $"scripted {code}" }) with
        {
            ChunkIndex = index,
            ChunkCount = count,
        };

    [Fact]
    public void At_most_the_cap_is_in_flight_each_result_frees_one_slot_and_the_results_come_back_in_plan_order()
    {
        var fanOut = new ChunkFanOut(JobId, 5, maxParallel: 2);

        Assert.Equal([0, 1], fanOut.Start());
        Assert.Equal([2], Assert.IsType<ChunkDecision.Send>(fanOut.Accept(Rendered(1))).Chunks);
        Assert.Equal([3], Assert.IsType<ChunkDecision.Send>(fanOut.Accept(Rendered(0))).Chunks);
        Assert.Equal([4], Assert.IsType<ChunkDecision.Send>(fanOut.Accept(Rendered(3))).Chunks);
        Assert.Empty(Assert.IsType<ChunkDecision.Send>(fanOut.Accept(Rendered(4))).Chunks);
        Assert.IsType<ChunkDecision.Completed>(fanOut.Accept(Rendered(2)));

        Assert.Equal([0, 1, 2, 3, 4], fanOut.Results.Select(r => r.ChunkIndex!.Value));
        Assert.Equal(5 * 4.5, fanOut.GpuSeconds, 3);
    }

    [Fact]
    public void A_chunk_result_that_arrives_twice_changes_nothing()
    {
        var fanOut = new ChunkFanOut(JobId, 5, maxParallel: 5);
        fanOut.Start();
        fanOut.Accept(Rendered(2));

        Assert.IsType<ChunkDecision.Ignored>(fanOut.Accept(Rendered(2)));
        Assert.IsType<ChunkDecision.Ignored>(fanOut.Accept(Failed(2, RenderErrorCode.Crash)));
        Assert.Equal(1, fanOut.Done);
        Assert.Equal(4.5, fanOut.GpuSeconds, 3);
    }

    [Fact]
    public void A_chunk_that_fails_transiently_is_requested_again_by_itself_and_then_counts_as_rendered()
    {
        var fanOut = new ChunkFanOut(JobId, 3, maxParallel: 3);
        fanOut.Start();

        Assert.Equal([1], Assert.IsType<ChunkDecision.Send>(fanOut.Accept(Failed(1, RenderErrorCode.OutOfMemory, 3))).Chunks);
        fanOut.Accept(Rendered(0, 3));
        fanOut.Accept(Rendered(2, 3));
        Assert.IsType<ChunkDecision.Completed>(fanOut.Accept(Rendered(1, 3)));
    }

    [Fact]
    public void A_chunk_that_keeps_failing_is_given_up_after_the_last_attempt_with_its_error()
    {
        var fanOut = new ChunkFanOut(JobId, 3, maxParallel: 3, maxAttempts: 2);
        fanOut.Start();

        Assert.IsType<ChunkDecision.Send>(fanOut.Accept(Failed(0, RenderErrorCode.Crash, 3)));
        var gaveUp = Assert.IsType<ChunkDecision.GaveUp>(fanOut.Accept(Failed(0, RenderErrorCode.Crash, 3)));

        Assert.Equal((0, RenderErrorCode.Crash), (gaveUp.Chunk, gaveUp.Error.Code));
    }

    [Theory]
    [InlineData(RenderErrorCode.NoFace)]
    [InlineData(RenderErrorCode.MissingCheckpoints)]
    [InlineData(RenderErrorCode.BadInput)]
    [InlineData(RenderErrorCode.DeadlineExceeded)]
    public void A_chunk_SadTalker_cannot_render_is_given_up_at_once(RenderErrorCode code)
    {
        var fanOut = new ChunkFanOut(JobId, 3, maxParallel: 3);
        fanOut.Start();

        var gaveUp = Assert.IsType<ChunkDecision.GaveUp>(fanOut.Accept(Failed(2, code, 3)));

        Assert.Equal(code, gaveUp.Error.Code);
    }

    [Fact]
    public void Results_of_another_job_of_no_chunk_or_of_another_plan_are_ignored()
    {
        var fanOut = new ChunkFanOut(JobId, 3, maxParallel: 3);
        fanOut.Start();

        Assert.IsType<ChunkDecision.Ignored>(fanOut.Accept(Rendered(0, 3) with { JobId = "another" }));
        Assert.IsType<ChunkDecision.Ignored>(fanOut.Accept(Rendered(0, 3) with { ChunkIndex = null }));
        Assert.IsType<ChunkDecision.Ignored>(fanOut.Accept(Rendered(0, 4)));
        Assert.IsType<ChunkDecision.Ignored>(fanOut.Accept(Rendered(7, 3)));
        Assert.Equal(0, fanOut.Done);
    }
}
