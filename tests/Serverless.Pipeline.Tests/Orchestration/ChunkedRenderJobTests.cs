using Serverless.Contracts;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Orchestration;
using Serverless.Pipeline.Tests.Chunking;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Orchestration;

/// <summary>
/// The orchestration of split jobs on the in-process engine: the test plays the planning worker (a plan and the
/// prepared speech), the chunk workers and the stitcher, and checks what the orchestration asks for and reports.
/// </summary>
public sealed class ChunkedRenderJobTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>
{
    private const double SpeechSeconds = 4.8;

    private static readonly RenderJobSettings s_chunked = PipelineHarness.FastSettings with { ChunkSeconds = 15, MaxParallelChunks = 2 };

    [Fact(Timeout = 120_000)]
    public async Task A_planned_job_renders_its_chunks_a_few_at_a_time_retries_a_failed_one_and_stitches_them()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync(s_chunked);
        var render = await pipeline.RenderAsync(jobId, uploadVideo: false);
        Assert.Equal(15, render.Chunking!.MaxChunkSeconds);
        var plan = await PlanAsync(pipeline, render);

        var first = await ChunkRequestsAsync(pipeline, 2);
        Assert.Equal([0, 1], first.Select(r => r.Chunk!.Index));
        Assert.All(first, r => Assert.Equal(Renderer.SadTalker, r.Options.Renderer));
        var audio = await pipeline.GetAsync(first[1].AudioUrl);
        Assert.Equal(Pcm16Wav.HeaderBytes + plan.Chunks[1].AudioSamples * 2, audio.Length);
        var status = await StatusAsync(pipeline, instanceId, s => s.ChunksTotal == 3);
        Assert.Equal(0, status.ChunksDone);

        await pipeline.RaiseAsync(ChunkSucceeded(first[0]));
        await pipeline.RaiseAsync(ChunkSucceeded(first[0])); // a duplicate: asks for nothing more
        var second = await ChunkRequestsAsync(pipeline, 3);
        Assert.Equal(2, second[2].Chunk!.Index);
        await StatusAsync(pipeline, instanceId, s => s.ChunksDone == 1);

        await pipeline.RaiseAsync(ChunkFailed(first[1], RenderErrorCode.Crash));
        var retried = (await ChunkRequestsAsync(pipeline, 4)).Last(r => r.Chunk!.Index == 1);
        Assert.Equal(1, retried.Chunk!.Index);
        await pipeline.RaiseAsync(ChunkSucceeded(second[2]));
        await pipeline.RaiseAsync(ChunkSucceeded(retried));

        var stitch = await Eventually.ValueAsync(
            () => Task.FromResult(pipeline.Queue.Stitches.FirstOrDefault()),
            TimeSpan.FromSeconds(60),
            "the stitch request"
        );
        Assert.Equal(plan.Fingerprint(), stitch.Plan.Fingerprint());
        Assert.Equal(3, stitch.ChunkVideoUrls.Count);
        Assert.Equal(await pipeline.GetAsync(render.AudioUrl), await pipeline.GetAsync(stitch.AudioUrl));
        await pipeline.PutAsync(stitch.VideoUploadUrl, RenderMediaTypes.Video, "stitched"u8.ToArray());
        await pipeline.PutAsync(stitch.PosterUploadUrl!, RenderMediaTypes.Poster, [0xFF, 0xD8, 0xFF, 0xE0]);
        await pipeline.RaiseAsync(Stitched(stitch));
        var (instance, _) = await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Succeeded, report.Status);
        Assert.Equal("sadtalker", report.Output!.Renderer);
        Assert.Equal(3, report.Output.Chunks);
        Assert.Equal(3 * 6.0, report.Output.GpuSeconds);
        Assert.Equal(900, report.Output.StitchMs);
        Assert.Equal(SpeechSeconds, report.Output.DurationSec);
        Assert.Null(report.Output.FallbackReason);
        Assert.Equal(4, pipeline.Queue.Renders.Count(r => r.Chunk is not null));
        Assert.Equal(3, instance.ReadCustomStatusAs<RenderJobStatus>()!.ChunksDone);
        Assert.Equal(
            "stitched"u8.ToArray(),
            await pipeline.GetAsync(pipeline.Store.PresignGet(report.Output.VideoKey, TimeSpan.FromMinutes(1)))
        );
    }

    [Fact(Timeout = 120_000)]
    public async Task A_chunk_without_a_face_makes_the_whole_job_fall_back_to_the_still_image_renderer()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync(s_chunked);
        var planning = await pipeline.RenderAsync(jobId, uploadVideo: false);
        await PlanAsync(pipeline, planning);
        var chunks = await ChunkRequestsAsync(pipeline, 2);

        await pipeline.RaiseAsync(ChunkSucceeded(chunks[0]));
        await ChunkRequestsAsync(pipeline, 3);
        await pipeline.RaiseAsync(ChunkFailed(chunks[1], RenderErrorCode.NoFace));
        var fallback = await Eventually.ValueAsync(
            () => Task.FromResult(pipeline.Queue.Requests.TryGetValue(jobId, out var r) && r != planning ? r : null),
            TimeSpan.FromSeconds(60),
            "the fallback render request"
        );
        Assert.Equal(Renderer.Animator, fallback.Options.Renderer);
        Assert.Null(fallback.Chunking);
        Assert.Equal(planning.Deadline, fallback.Deadline);

        await pipeline.RaiseAsync(ChunkSucceeded(chunks[0])); // a late chunk: not the fallback's answer
        await pipeline.RenderAsync(jobId);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(fallback, durationSec: SpeechSeconds));
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Succeeded, report.Status);
        Assert.Equal("ffmpeg", report.Output!.Renderer);
        Assert.StartsWith("no_face: Chunk 2 of 3 failed: ", report.Output.FallbackReason);
        Assert.Null(report.Output.Chunks);
        Assert.Equal(6.74, report.Output.GpuSeconds!.Value, 2);
        Assert.Empty(pipeline.Queue.Stitches);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_late_failure_of_a_duplicate_planning_request_is_not_taken_for_the_fallbacks_answer()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync(s_chunked);
        var planning = await pipeline.RenderAsync(jobId, uploadVideo: false);
        await PlanAsync(pipeline, planning);
        var chunks = await ChunkRequestsAsync(pipeline, 2);
        await pipeline.RaiseAsync(ChunkFailed(chunks[0], RenderErrorCode.NoFace));
        var fallback = await Eventually.ValueAsync(
            () => Task.FromResult(pipeline.Queue.Requests.TryGetValue(jobId, out var r) && r != planning ? r : null),
            TimeSpan.FromSeconds(60),
            "the fallback render request"
        );
        Assert.NotNull(fallback.RequestId);
        Assert.NotEqual(planning.RequestId, fallback.RequestId);

        // A second delivery of the planning request that crashed late: a whole-job failure, but not the fallback's.
        await pipeline.RaiseAsync(
            RenderResult.Failed(
                planning.InstanceId,
                jobId,
                new RenderError { Code = RenderErrorCode.OutOfMemory, Message = "CUDA out of memory." }
            ) with
            {
                RequestId = planning.RequestId,
            }
        );
        await pipeline.RenderAsync(jobId);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(fallback, durationSec: SpeechSeconds));
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Succeeded, report.Status);
        Assert.Equal("ffmpeg", report.Output!.Renderer);
        Assert.StartsWith("no_face: Chunk 1 of 3 failed: ", report.Output.FallbackReason);
    }

    [Fact(Timeout = 120_000)]
    public async Task Under_force_sadtalker_a_chunk_without_a_face_fails_the_job_with_that_reason()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync(s_chunked with { ForceSadTalker = true });
        var planning = await pipeline.RenderAsync(jobId, uploadVideo: false);
        await PlanAsync(pipeline, planning);
        var chunks = await ChunkRequestsAsync(pipeline, 2);

        await pipeline.RaiseAsync(ChunkFailed(chunks[0], RenderErrorCode.NoFace));
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Failed, report.Status);
        Assert.Equal("no_face: Chunk 1 of 3 failed: SadTalker found no face.", report.Error);
        Assert.Same(planning, pipeline.Queue.Requests[jobId]);
        Assert.Empty(pipeline.Queue.Stitches);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_short_job_with_chunking_on_is_rendered_by_its_one_request()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, instanceId) = await pipeline.StartTextJobAsync(s_chunked);
        var request = await pipeline.RenderAsync(jobId);
        await pipeline.RaiseAsync(PipelineHarness.Succeeded(request));
        await pipeline.CompletionAsync(instanceId);

        var report = Assert.Single(pipeline.Backend.ReportsFor(jobId));
        Assert.Equal(JobStatus.Succeeded, report.Status);
        Assert.Null(report.Output!.Chunks);
        Assert.Equal(0.74, report.Output.GpuSeconds);
        Assert.Single(pipeline.Queue.Renders);
    }

    [Fact(Timeout = 120_000)]
    public async Task Without_chunking_the_request_does_not_offer_to_split()
    {
        await using var pipeline = await PipelineHarness.StartAsync(s3);
        var (jobId, _) = await pipeline.StartTextJobAsync();

        Assert.Null((await pipeline.RenderAsync(jobId, uploadVideo: false)).Chunking);
    }

    /// <summary>Plays the planning worker: uploads the prepared speech and answers with a three-chunk plan.</summary>
    private static async Task<ChunkPlan> PlanAsync(PipelineHarness pipeline, RenderRequest request)
    {
        var dir = Directory.CreateTempSubdirectory("chunked-job-").FullName;
        var wav = await SpeechWavs.NoiseAsync(dir, SpeechSeconds);
        var plan = SpeechWavs.ThreeChunks(Pcm16Wav.Read(wav).Samples);
        await pipeline.PutAsync(request.Chunking!.SpeechUploadUrl, RenderMediaTypes.Speech, await File.ReadAllBytesAsync(wav));
        Directory.Delete(dir, recursive: true);
        await pipeline.RaiseAsync(
            new RenderResult
            {
                InstanceId = request.InstanceId,
                JobId = request.JobId,
                Status = RenderStatus.Planned,
                Renderer = Renderer.SadTalker,
                DurationSec = plan.DurationSec,
                Plan = plan,
            }
        );
        return plan;
    }

    private static Task<List<RenderRequest>> ChunkRequestsAsync(PipelineHarness pipeline, int count) =>
        Eventually.ValueAsync(
            () =>
            {
                // Requests sent at once arrive in any order: sorted by chunk (stable, so a retry comes after the first try).
                var chunks = pipeline.Queue.Renders.Where(r => r.Chunk is not null).OrderBy(r => r.Chunk!.Index).ToList();
                return Task.FromResult(chunks.Count >= count ? chunks : null);
            },
            TimeSpan.FromSeconds(60),
            $"{count} chunk requests"
        );

    private static async Task<RenderJobStatus> StatusAsync(
        PipelineHarness pipeline,
        string instanceId,
        Func<RenderJobStatus, bool> condition
    ) =>
        await Eventually.ValueAsync(
            async () =>
            {
                var status = (
                    await pipeline.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true)
                )?.ReadCustomStatusAs<RenderJobStatus>();
                return status is not null && condition(status) ? status : null;
            },
            TimeSpan.FromSeconds(30),
            "the chunk progress in the custom status"
        );

    /// <summary>A chunk's success: 6 s of renderer time.</summary>
    private static RenderResult ChunkSucceeded(RenderRequest chunk) =>
        PipelineHarness.Succeeded(chunk, durationSec: 1.7) with
        {
            Renderer = Renderer.SadTalker,
            Timings = new RenderTimings { PrepareMs = 1000, RenderMs = 5000 },
            ChunkIndex = chunk.Chunk!.Index,
            ChunkCount = chunk.Chunk.Count,
        };

    private static RenderResult ChunkFailed(RenderRequest chunk, RenderErrorCode code) =>
        RenderResult.Failed(chunk.InstanceId, chunk.JobId, new RenderError { Code = code, Message = "SadTalker found no face." }) with
        {
            ChunkIndex = chunk.Chunk!.Index,
            ChunkCount = chunk.Chunk.Count,
        };

    private static RenderResult Stitched(StitchRequest stitch) =>
        PipelineHarness.Succeeded(stitch.InstanceId, stitch.JobId, SpeechSeconds) with
        {
            Renderer = Renderer.SadTalker,
            Timings = new RenderTimings { RenderMs = 500, TotalMs = 900 },
            StitchedChunks = stitch.Plan.Chunks.Count,
        };
}
