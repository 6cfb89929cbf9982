using Microsoft.DurableTask;

namespace Serverless.Pipeline.Orchestration;

/// <summary>Retry policies of the orchestration's activities: transient errors only.</summary>
internal static class ActivityRetries
{
    /// <summary>A few quick retries for the pipeline steps; a <see cref="PermanentFailureException"/> fails at once.</summary>
    public static TaskOptions ForSteps(RenderJobSettings settings) =>
        TaskOptions.FromRetryPolicy(
            new RetryPolicy(
                maxNumberOfAttempts: 5,
                firstRetryInterval: settings.ActivityFirstRetry,
                backoffCoefficient: 2,
                maxRetryInterval: TimeSpan.FromMinutes(1)
            )
            {
                HandleFailure = IsTransient,
            }
        );

    /// <summary>Reporting keeps trying for the whole report window: the backend must hear of every leased job.</summary>
    public static TaskOptions ForReporting(RenderJobSettings settings) =>
        TaskOptions.FromRetryPolicy(
            new RetryPolicy(
                maxNumberOfAttempts: int.MaxValue,
                firstRetryInterval: settings.ActivityFirstRetry,
                backoffCoefficient: 2,
                maxRetryInterval: TimeSpan.FromMinutes(5),
                retryTimeout: settings.ReportRetryWindow
            )
            {
                HandleFailure = IsTransient,
            }
        );

    public static bool IsTransient(TaskFailureDetails failure) => !failure.IsCausedBy<PermanentFailureException>();
}
