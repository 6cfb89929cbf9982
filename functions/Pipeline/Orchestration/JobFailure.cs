using Microsoft.DurableTask;
using Serverless.Contracts;
using Serverless.Pipeline.Speech;

namespace Serverless.Pipeline.Orchestration;

/// <summary>A classified reason for a failed job, as it goes into the backend report (<c>code: message</c>).</summary>
public sealed record JobFailure(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";

    public static JobFailure FromActivity(string step, TaskFailedException failure)
    {
        var details = failure.FailureDetails;
        var permanent = details.IsCausedBy<PermanentFailureException>();
        var message = SecretScrubber.Scrub(details.ErrorMessage);
        return step switch
        {
            RenderJobStages.Staging => new(permanent ? "bad_input" : "staging_failed", message),
            RenderJobStages.Speech => new(details.IsCausedBy<UnknownVoiceException>() ? "bad_input" : "tts_failed", message),
            RenderJobStages.Rendering => new("render_request_failed", message),
            RenderJobStages.Publishing => new("upload_failed", message),
            _ => new("internal_error", message),
        };
    }

    public static JobFailure FromRender(RenderError error) => new(error.Code.ToWireName(), SecretScrubber.Scrub(error.Message));

    /// <summary>An unexpected error of the pipeline itself; its details are in the pipeline's log, not in the report.</summary>
    public static JobFailure Internal() =>
        new("internal_error", "The pipeline failed unexpectedly; its operators can find the cause in its logs.");

    public static JobFailure RenderTimedOut(TimeSpan timeout) =>
        new("timeout", $"No render result within {timeout.TotalMinutes:0.#} minutes.");
}

/// <summary>Thrown inside the orchestrator to stop the pipeline with a classified reason.</summary>
internal sealed class JobFailedException(JobFailure failure) : Exception(failure.ToString())
{
    public JobFailure Failure { get; } = failure;
}
