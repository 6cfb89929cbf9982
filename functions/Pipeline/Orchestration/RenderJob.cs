using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Captions;
using Serverless.Contracts;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

/// <summary>
/// One talking-head job: StageInputs → SynthesizeSpeech (unless audio is supplied) → RequestRender (or
/// RequestPlannedRender) → wait for RenderCompleted (raced against a durable timer) → UploadVideo → ReportResult,
/// then CleanUpStaging. Long speech comes back planned and is rendered in chunks and stitched (RenderJob.Chunks.cs).
/// Whatever fails, the job ends in exactly one report. The happy path is here; the steps' failure handling,
/// the wait for the render and the reporting are in the other <c>RenderJob.*.cs</c> files.
/// </summary>
public static partial class RenderJob
{
    public static async Task<RenderJobOutcome> RunAsync(TaskOrchestrationContext context, RenderJobInput input)
    {
        var logger = context.CreateReplaySafeLogger(nameof(RenderJob));
        var job = input.Job;
        var progress = new RenderJobProgress(context);

        var pending = input.PendingReport ?? new PendingReport(await RunToReportAsync(context, input, progress));
        var report = pending.Report;

        progress.Enter(RenderJobStages.Reporting, report.Error);
        var delivery = await ReportDelivery.DeliverAsync(context, job.Id, pending, input.Settings);
        if (delivery.Pending is { } overdue)
        {
            context.ContinueAsNew(input with { PendingReport = overdue });
            return new RenderJobOutcome(job.Id, report, ReportOutcome.Overdue);
        }
        progress.Enter(report.Status == JobStatus.Succeeded ? RenderJobStages.Succeeded : RenderJobStages.Failed, report.Error);
        logger.LogInformation(
            "Job {JobId} ended {Status} {Error}; its report was {ReportOutcome}",
            job.Id,
            report.Status.ToWireName(),
            report.Error,
            delivery.Outcome
        );

        // Also after a refused report: the staging keys are scratch data either way.
        await CleanUpAsync(context, job.Id, input.Settings, logger);
        return new RenderJobOutcome(job.Id, report, delivery.Outcome);
    }

    private static async Task<JobReport> RunToReportAsync(
        TaskOrchestrationContext context,
        RenderJobInput input,
        RenderJobProgress progress
    )
    {
        try
        {
            return await RunStepsAsync(context, input, progress);
        }
        catch (JobFailedException ex)
        {
            return JobReport.Failed(ex.Failure.ToString(), progress.Timings);
        }
        catch (Exception ex)
        {
            // A bug or a malformed event must not end the instance without the job's one report. The exception is
            // logged here; the report says only that the pipeline failed, never its details.
            context
                .CreateReplaySafeLogger(nameof(RenderJob))
                .LogError(ex, "Job {JobId} failed unexpectedly in stage {Stage}", input.Job.Id, progress.Stage);
            return JobReport.Failed(JobFailure.Internal().ToString(), progress.Timings);
        }
    }

    private static async Task<JobReport> RunStepsAsync(TaskOrchestrationContext context, RenderJobInput input, RenderJobProgress progress)
    {
        var (job, settings) = (input.Job, input.Settings);
        var retry = ActivityRetries.ForSteps(settings);

        progress.Enter(RenderJobStages.Staging);
        var staged = await CallStepAsync<StageInputsInput, StagedInputs>(
            context,
            RenderJobStages.Staging,
            nameof(StageInputs),
            new StageInputsInput(job.Id, job.ImageUrl, job.AudioUrl),
            retry
        );

        var audioKey = staged.AudioKey;
        string? wordsKey = null;
        if (audioKey is null)
        {
            progress.Enter(RenderJobStages.Speech);
            var speech = await CallStepAsync<SynthesizeSpeechInput, SynthesizedSpeech>(
                context,
                RenderJobStages.Speech,
                nameof(SynthesizeSpeech),
                new SynthesizeSpeechInput(job.Id, job.Text ?? string.Empty, job.VoiceId, CaptionModeOf(input) != CaptionMode.Off),
                retry
            );
            progress.TtsMs = speech.ElapsedMs;
            audioKey = speech.AudioKey;
            wordsKey = speech.WordsKey;
        }
        var captions = await MakeCaptionsAsync(context, input, audioKey, wordsKey);

        progress.Enter(RenderJobStages.Rendering);
        var rendered = await RenderAsync(context, input, staged.ImageKey, audioKey, progress, BurnInKeyOf(input, captions));

        progress.Enter(RenderJobStages.Publishing);
        var published = await CallStepAsync<UploadVideoInput, PublishedVideo>(
            context,
            RenderJobStages.Publishing,
            nameof(UploadVideo),
            new UploadVideoInput(job.Id, job.Namespace),
            retry
        );
        progress.UploadMs += published.ElapsedMs;

        return JobReport.Succeeded(
            new JobOutput
            {
                VideoKey = published.VideoKey,
                DurationSec = Math.Round(rendered.DurationSec, 2),
                Renderer = rendered.Renderer?.ToWireName(),
                PosterKey = published.PosterKey,
                GpuSeconds = Math.Round(rendered.GpuSeconds, 2),
                Chunks = rendered.Chunks,
                StitchMs = rendered.StitchMs,
                FallbackReason = rendered.FallbackReason,
                CaptionsVttKey = published.CaptionsVttKey,
                CaptionsSrtKey = published.CaptionsSrtKey,
                CaptionCues = published.CaptionsVttKey is null ? null : captions?.Cues,
                CaptionsSkipped = captions?.SkippedReason,
            },
            progress.Timings
        );
    }
}
