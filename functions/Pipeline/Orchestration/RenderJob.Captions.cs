using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Captions;
using Serverless.Pipeline.Captioning;

namespace Serverless.Pipeline.Orchestration;

public static partial class RenderJob
{
    /// <summary>The job's caption mode: its own <c>input.captions</c>, else CAPTIONS (off for instances started before captions).</summary>
    private static string CaptionModeOf(RenderJobInput input) => input.Job.Captions ?? input.Settings.Captions ?? CaptionMode.Off;

    /// <summary>The captions the worker draws into the video: with CAPTIONS=burn, when they were made.</summary>
    private static string? BurnInKeyOf(RenderJobInput input, MadeCaptions? captions) =>
        CaptionModeOf(input) == CaptionMode.Burn && captions is { Cues: > 0 } ? CaptionKeys.StagedVtt(input.Job.Id) : null;

    /// <summary>
    /// Makes the job's captions before the render (so a burn-in can use them). Captions are an extra: when they
    /// cannot be made the video is still made, and the report says why it has none. Null when captions are off.
    /// </summary>
    private static async Task<MadeCaptions?> MakeCaptionsAsync(
        TaskOrchestrationContext context,
        RenderJobInput input,
        string audioKey,
        string? wordsKey
    )
    {
        var job = input.Job;
        if (CaptionModeOf(input) == CaptionMode.Off)
            return null;
        if (string.IsNullOrWhiteSpace(job.Text))
            return new MadeCaptions(0, "the job has no text: captions are made from the text of the speech");
        try
        {
            return await context.CallActivityAsync<MadeCaptions>(
                nameof(MakeCaptions),
                new MakeCaptionsInput(job.Id, job.Text, wordsKey, audioKey),
                ActivityRetries.ForSteps(input.Settings)
            );
        }
        catch (TaskFailedException ex)
        {
            context
                .CreateReplaySafeLogger(nameof(RenderJob))
                .LogWarning("Job {JobId} goes on without captions: {Error}", job.Id, ex.FailureDetails.ErrorMessage);
            return new MadeCaptions(0, $"captions could not be made: {ex.FailureDetails.ErrorMessage}");
        }
    }
}
