using Serverless.Contracts;

namespace Serverless.Pipeline.Polling;

/// <summary>
/// What the orchestration relies on in a render result that JSON parsing alone does not guarantee: ids, a known
/// status, timings and errors that are there when named. The relay drops a result that fails it, so no malformed
/// message can throw inside the job's instance.
/// </summary>
public static class RenderResultCheck
{
    /// <summary>Null when the orchestration can use <paramref name="result"/>; otherwise why not.</summary>
    public static string? Problem(RenderResult result)
    {
        if (string.IsNullOrWhiteSpace(result.InstanceId))
            return "instanceId is missing";
        if (string.IsNullOrWhiteSpace(result.JobId))
            return "jobId is missing";
        if (!Enum.IsDefined(result.Status))
            return "status is not succeeded, failed or planned";
        if (result.Renderer is { } renderer && !Enum.IsDefined(renderer))
            return "renderer is unknown";
        if (result.Timings is null)
            return "timings are null";
        if (ErrorProblem(result.Error) is { } error)
            return $"error {error}";
        if (ErrorProblem(result.FallbackReason) is { } fallback)
            return $"fallbackReason {fallback}";
        if (result.DurationSec is { } duration && (!double.IsFinite(duration) || duration < 0))
            return "durationSec is not a non-negative number";
        return null;
    }

    private static string? ErrorProblem(RenderError? error) =>
        error switch
        {
            null => null,
            { Message: null } => "has no message",
            _ when !Enum.IsDefined(error.Code) => "has an unknown code",
            _ => null,
        };
}
