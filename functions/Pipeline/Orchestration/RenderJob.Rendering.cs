using Microsoft.DurableTask;
using Serverless.Contracts;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Chunking;

namespace Serverless.Pipeline.Orchestration;

public static partial class RenderJob
{
    /// <summary>
    /// Requests the job's render and waits for it. With chunking on, the request lets the worker split long speech:
    /// a short job is rendered at once, exactly as without chunking; a long one comes back planned and is rendered
    /// in chunks. The worker gets the same deadline the waits end at, so no render outlives its job's wait.
    /// </summary>
    private static async Task<RenderedVideo> RenderAsync(
        TaskOrchestrationContext context,
        RenderJobInput input,
        string imageKey,
        string audioKey,
        RenderJobProgress progress,
        string? captionsKey = null
    )
    {
        var (job, settings) = (input.Job, input.Settings);
        var retry = ActivityRetries.ForSteps(settings);
        var request = new RequestRenderInput(
            job.Id,
            context.InstanceId,
            imageKey,
            audioKey,
            new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) + settings.RenderTimeout,
            settings.PresignedUrlTtl,
            new RenderOptions
            {
                ForceSadTalker = settings.ForceSadTalker,
                MaxAudioSeconds = settings.MaxAudioSeconds,
                SadTalkerArgs = settings.SadTalkerArgs,
            },
            CaptionsKey: captionsKey
        );

        if (settings.ChunkSeconds > 0)
            await CallStepAsync(
                context,
                RenderJobStages.Rendering,
                nameof(RequestPlannedRender),
                new RequestPlannedRenderInput(request, settings.ChunkSeconds),
                retry
            );
        else
            await CallStepAsync(context, RenderJobStages.Rendering, nameof(RequestRender), request, retry);

        var render =
            await WaitForRenderAsync(context, job.Id, request.Deadline, AnswersWholeJob, MaxForeignResults) ?? throw TimedOut(settings);
        if (render.Status == RenderStatus.Planned)
            return await RenderChunksAsync(context, input, request, render, progress);
        return Finished(render, progress);
    }

    /// <summary>The answer to a request for the whole job (not a chunk's or a stitch's).</summary>
    private static bool AnswersWholeJob(RenderResult result) => result.ChunkIndex is null && result.StitchedChunks is null;

    /// <summary>A whole-job render's result: the video, or the job's classified failure.</summary>
    private static RenderedVideo Finished(
        RenderResult render,
        RenderJobProgress progress,
        double earlierGpuSeconds = 0,
        string? fallbackReason = null
    )
    {
        progress.Rendered(render);
        if (render.Status != RenderStatus.Succeeded || render.DurationSec is not { } duration)
            throw new JobFailedException(JobFailure.FromRender(FailureOf(render)));
        return new RenderedVideo(
            render.Renderer,
            duration,
            earlierGpuSeconds + RenderedVideo.GpuSecondsOf(render),
            FallbackReason: fallbackReason ?? render.FallbackReason?.ToString()
        );
    }

    private static RenderError FailureOf(RenderResult result) =>
        result.Error ?? new RenderError { Code = RenderErrorCode.Crash, Message = "The render failed without a reason." };

    private static JobFailedException TimedOut(RenderJobSettings settings) => new(JobFailure.RenderTimedOut(settings.RenderTimeout));
}
