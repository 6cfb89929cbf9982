using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Chunking;

namespace Serverless.Pipeline.Orchestration;

public static partial class RenderJob
{
    /// <summary>
    /// A planned job: SplitSpeech cuts the worker's prepared speech by the plan, the chunks are requested (at most
    /// RENDER_MAX_PARALLEL_CHUNKS at a time, a failed one again by itself) and, once every chunk has its video, a
    /// stitch request joins them under the original speech. All of it is this instance's history, so a restarted
    /// host replays what was done and only asks for what is missing. A chunk that fails for good makes the whole
    /// job fall back to the animator, then the still image (one renderer per video), or fail under FORCE_SADTALKER.
    /// </summary>
    private static async Task<RenderedVideo> RenderChunksAsync(
        TaskOrchestrationContext context,
        RenderJobInput input,
        RequestRenderInput request,
        RenderResult planned,
        RenderJobProgress progress
    )
    {
        var (job, settings) = (input.Job, input.Settings);
        var logger = context.CreateReplaySafeLogger(nameof(RenderJob));
        var started = context.CurrentUtcDateTime;
        var plan = planned.Plan;
        if ((plan is null ? "it is missing" : plan.Problem()) is { } problem)
            throw new JobFailedException(new JobFailure("internal_error", $"The render worker's chunk plan is not usable: {problem}."));

        await CallStepAsync<SplitSpeechInput, SplitSpeechOutput>(
            context,
            RenderJobStages.Rendering,
            nameof(SplitSpeech),
            new SplitSpeechInput(job.Id, plan!),
            ActivityRetries.ForSteps(settings)
        );

        var chunks = new ChunkRequests(request, plan!, planned.Renderer ?? Renderer.SadTalker);
        var fanOut = new ChunkFanOut(job.Id, plan!.Chunks.Count, Math.Max(1, settings.MaxParallelChunks));
        // Late answers of chunks (duplicates, ones overtaken by a retry) may still come during the last waits.
        var maxSkipped = MaxForeignResults + 4 * fanOut.Total;
        progress.Chunks(0, fanOut.Total);
        logger.LogInformation(
            "Job {JobId} is split into {Chunks} chunks of {DurationSec:0.0} s of speech",
            job.Id,
            fanOut.Total,
            plan.DurationSec
        );
        await RequestChunksAsync(context, chunks, fanOut.Start(), settings);

        for (var skipped = 0; ; )
        {
            var result = await NextResultAsync(context, request.Deadline) ?? throw TimedOut(settings);
            switch (fanOut.Accept(result))
            {
                case ChunkDecision.Ignored ignored:
                    logger.LogInformation("Job {JobId} ignored a render result: {Why}", job.Id, ignored.Why);
                    if (++skipped > maxSkipped)
                        throw TimedOut(settings);
                    break;
                case ChunkDecision.Send send:
                    progress.Chunks(fanOut.Done, fanOut.Total);
                    await RequestChunksAsync(context, chunks, send.Chunks, settings);
                    break;
                case ChunkDecision.GaveUp gaveUp:
                    return await FallBackAsync(context, input, request, fanOut, gaveUp, progress, maxSkipped);
                case ChunkDecision.Completed:
                    progress.Chunks(fanOut.Done, fanOut.Total);
                    return await StitchAsync(context, input, chunks, fanOut, started, progress, maxSkipped);
            }
        }
    }

    private static async Task RequestChunksAsync(
        TaskOrchestrationContext context,
        ChunkRequests chunks,
        IReadOnlyList<int> indexes,
        RenderJobSettings settings
    )
    {
        var retry = ActivityRetries.ForSteps(settings);
        await Task.WhenAll(
            indexes.Select(i => CallStepAsync(context, RenderJobStages.Rendering, nameof(RequestChunkRender), chunks.For(i), retry))
        );
    }

    private static async Task<RenderedVideo> StitchAsync(
        TaskOrchestrationContext context,
        RenderJobInput input,
        ChunkRequests chunks,
        ChunkFanOut fanOut,
        DateTime started,
        RenderJobProgress progress,
        int maxSkipped
    )
    {
        var (job, settings) = (input.Job, input.Settings);
        await CallStepAsync(context, RenderJobStages.Rendering, nameof(RequestStitch), chunks.Stitch(), ActivityRetries.ForSteps(settings));
        var stitch =
            await WaitForRenderAsync(context, job.Id, chunks.Render.Deadline, r => r.StitchedChunks == fanOut.Total, maxSkipped)
            ?? throw TimedOut(settings);
        progress.Stitched(stitch, context.CurrentUtcDateTime - started);
        if (stitch.Status != RenderStatus.Succeeded || stitch.DurationSec is not { } duration)
        {
            var error = FailureOf(stitch);
            throw new JobFailedException(
                JobFailure.FromRender(error with { Message = $"Stitching {fanOut.Total} chunks failed: {error.Message}" })
            );
        }
        return new RenderedVideo(stitch.Renderer, duration, fanOut.GpuSeconds, fanOut.Total, stitch.Timings.TotalMs);
    }

    /// <summary>One renderer per video: a chunk SadTalker cannot render sends the whole job to the animator (the still image where it finds no face).</summary>
    private static async Task<RenderedVideo> FallBackAsync(
        TaskOrchestrationContext context,
        RenderJobInput input,
        RequestRenderInput request,
        ChunkFanOut fanOut,
        ChunkDecision.GaveUp gaveUp,
        RenderJobProgress progress,
        int maxSkipped
    )
    {
        var (job, settings) = (input.Job, input.Settings);
        var reason = JobFailure.FromRender(
            gaveUp.Error with
            {
                Message = $"Chunk {gaveUp.Chunk + 1} of {fanOut.Total} failed: {gaveUp.Error.Message}",
            }
        );
        if (settings.ForceSadTalker == true)
            throw new JobFailedException(reason);

        context
            .CreateReplaySafeLogger(nameof(RenderJob))
            .LogWarning("Job {JobId} falls back to the CPU animator (then the still image): {Reason}", job.Id, reason.ToString());
        // Its own request id: a late answer to a duplicate delivery of the planning request (also a whole-job
        // result) must not be taken for the fallback's.
        var fallback = request with
        {
            Options = request.Options with { Renderer = Renderer.Animator },
            RequestId = $"fallback-{context.NewGuid():N}",
        };
        await CallStepAsync(context, RenderJobStages.Rendering, nameof(RequestRender), fallback, ActivityRetries.ForSteps(settings));
        var render =
            await WaitForRenderAsync(
                context,
                job.Id,
                request.Deadline,
                r => r.RequestId == fallback.RequestId && AnswersWholeJob(r) && r.Status != RenderStatus.Planned,
                maxSkipped
            ) ?? throw TimedOut(settings);
        return Finished(render, progress, fanOut.GpuSeconds, reason.ToString());
    }
}
