using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

/// <summary>
/// One talking-head job: StageInputs → SynthesizeSpeech (unless audio is supplied) → RequestRender → wait for
/// RenderCompleted (raced against a durable timer) → UploadVideo → ReportResult, then CleanUpStaging.
/// Whatever fails, the job ends in exactly one report.
/// </summary>
public static class RenderJob
{
    private const int MaxForeignResults = 5;

    public static async Task<RenderJobOutcome> RunAsync(TaskOrchestrationContext context, RenderJobInput input)
    {
        var logger = context.CreateReplaySafeLogger(nameof(RenderJob));
        var job = input.Job;
        var progress = new RenderJobProgress(context);

        JobReport report;
        try
        {
            report = await RunStepsAsync(context, input, progress);
        }
        catch (JobFailedException ex)
        {
            report = JobReport.Failed(ex.Failure.ToString(), progress.Timings);
        }

        progress.Enter(RenderJobStages.Reporting, report.Error);
        await DeliverReportAsync(context, job.Id, report, input.Settings);
        progress.Enter(report.Status == "succeeded" ? RenderJobStages.Succeeded : RenderJobStages.Failed, report.Error);
        logger.LogInformation("Job {JobId} ended {Status} {Error}", job.Id, report.Status, report.Error);

        await CleanUpAsync(context, job.Id, input.Settings, logger);
        return new RenderJobOutcome(job.Id, report);
    }

    private static async Task<JobReport> RunStepsAsync(
        TaskOrchestrationContext context,
        RenderJobInput input,
        RenderJobProgress progress
    )
    {
        var (job, settings) = (input.Job, input.Settings);
        var retry = ActivityRetries.ForSteps(settings);

        progress.Enter(RenderJobStages.Staging);
        var staged = await CallStepAsync<StagedInputs>(
            context,
            RenderJobStages.Staging,
            nameof(StageInputs),
            new StageInputsInput(job.Id, job.ImageUrl, job.AudioUrl),
            retry
        );

        var audioKey = staged.AudioKey;
        if (audioKey is null)
        {
            progress.Enter(RenderJobStages.Speech);
            var speech = await CallStepAsync<SynthesizedSpeech>(
                context,
                RenderJobStages.Speech,
                nameof(SynthesizeSpeech),
                new SynthesizeSpeechInput(job.Id, job.Text ?? string.Empty, job.VoiceId),
                retry
            );
            progress.TtsMs = speech.ElapsedMs;
            audioKey = speech.AudioKey;
        }

        progress.Enter(RenderJobStages.Rendering);
        var deadline = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) + settings.RenderTimeout;
        await CallStepAsync<object?>(
            context,
            RenderJobStages.Rendering,
            nameof(RequestRender),
            new RequestRenderInput(
                job.Id,
                context.InstanceId,
                staged.ImageKey,
                audioKey,
                deadline,
                settings.PresignedUrlTtl,
                new RenderOptions
                {
                    ForceSadTalker = settings.ForceSadTalker,
                    MaxAudioSeconds = settings.MaxAudioSeconds,
                    SadTalkerArgs = settings.SadTalkerArgs,
                }
            ),
            retry
        );

        // The worker gets the same deadline the wait ends at, so a render can never outlive its job's wait.
        var render =
            await WaitForRenderAsync(context, job.Id, deadline.UtcDateTime)
            ?? throw new JobFailedException(JobFailure.RenderTimedOut(settings.RenderTimeout));
        progress.Rendered(render);
        if (render.Status != RenderStatus.Succeeded || render.DurationSec is null)
        {
            var error = render.Error ?? new RenderError { Code = RenderErrorCode.Crash, Message = "The render failed without a reason." };
            throw new JobFailedException(JobFailure.FromRender(error));
        }

        progress.Enter(RenderJobStages.Publishing);
        var published = await CallStepAsync<PublishedVideo>(
            context,
            RenderJobStages.Publishing,
            nameof(UploadVideo),
            new UploadVideoInput(job.Id, job.Namespace),
            retry
        );
        progress.UploadMs = render.Timings.UploadMs + published.ElapsedMs;

        return JobReport.Succeeded(
            new JobOutput
            {
                VideoKey = published.VideoKey,
                DurationSec = Math.Round(render.DurationSec.Value, 2),
                Renderer = render.Renderer?.ToWireName(),
                PosterKey = published.PosterKey,
            },
            progress.Timings
        );
    }

    /// <summary>
    /// The first result for this job, or null when the render deadline passes first. The SDK's timeout overload
    /// races the event against a durable timer (and cancels the timer when the event wins). Results naming
    /// another job (a misrouted message) are skipped, a few at most.
    /// </summary>
    private static async Task<RenderResult?> WaitForRenderAsync(TaskOrchestrationContext context, string jobId, DateTime deadline)
    {
        for (var skipped = 0; skipped < MaxForeignResults; skipped++)
        {
            RenderResult result;
            try
            {
                var remaining = deadline - context.CurrentUtcDateTime;
                if (remaining <= TimeSpan.Zero)
                    return null;
                result = await context.WaitForExternalEvent<RenderResult>(RenderJobInstance.RenderCompletedEvent, remaining);
            }
            catch (TaskCanceledException)
            {
                return null;
            }
            if (result.JobId == jobId)
                return result;
        }
        return null;
    }

    private static async Task<T> CallStepAsync<T>(
        TaskOrchestrationContext context,
        string stage,
        string activity,
        object input,
        TaskOptions retry
    )
    {
        try
        {
            return await context.CallActivityAsync<T>(activity, input, retry);
        }
        catch (TaskFailedException ex)
        {
            throw new JobFailedException(JobFailure.FromActivity(stage, ex));
        }
    }

    /// <summary>
    /// Waits until the report has landed, however long the backend is away (see <see cref="DeliverReport"/>).
    /// Only a refusal by the backend fails the instance, visibly and with its history.
    /// </summary>
    internal static Task DeliverReportAsync(
        TaskOrchestrationContext context,
        string jobId,
        JobReport report,
        RenderJobSettings settings
    ) =>
        context.CallSubOrchestratorAsync<JobReport>(
            nameof(DeliverReport),
            new DeliverReportInput(jobId, report, settings),
            new SubOrchestrationOptions { InstanceId = RenderJobInstance.ReportIdFor(jobId) }
        );

    private static async Task CleanUpAsync(TaskOrchestrationContext context, string jobId, RenderJobSettings settings, ILogger logger)
    {
        try
        {
            await context.CallActivityAsync(nameof(CleanUpStaging), new CleanUpStagingInput(jobId), ActivityRetries.ForSteps(settings));
        }
        catch (TaskFailedException ex)
        {
            // Staging keys are only scratch data; a lifecycle rule on work/ can sweep what is left.
            logger.LogWarning("Could not delete the staging keys of job {JobId}: {Error}", jobId, ex.FailureDetails.ErrorMessage);
        }
    }
}
