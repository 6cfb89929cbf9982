using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Activities;

namespace Serverless.Pipeline.Orchestration;

/// <summary>
/// Delivers a job's one report from inside the orchestration that owns it, and never gives up while it has not
/// landed: first with backoff for the REPORT_RETRY_MINUTES window, then once every REPORT_RETRY_INTERVAL_SECONDS
/// on a durable timer, with an alertable error each attempt. After <see cref="RenderJobSettings.ReportAttemptsPerRun"/>
/// attempts it hands back the state to continue as new with, so the instance's history stays small over days.
/// Only a refusal by the backend (a <see cref="PermanentFailureException"/>) fails the instance, visibly.
/// </summary>
/// <remarks>
/// A step of the job's own instance, not a sub-orchestration: the standalone host's gRPC sidecar cannot persist
/// sub-orchestration events in the Azure Storage provider, and one instance per job keeps the poller's count simple.
/// </remarks>
public static class ReportDelivery
{
    /// <summary>Logged at each attempt past the window; alert on it.</summary>
    public static readonly EventId ReportOverdue = new(4101, nameof(ReportOverdue));

    /// <summary>Null once the report has landed; otherwise the state to continue as new with.</summary>
    public static async Task<PendingReport?> DeliverAsync(
        TaskOrchestrationContext context,
        string jobId,
        PendingReport pending,
        RenderJobSettings settings
    )
    {
        var logger = context.CreateReplaySafeLogger(nameof(ReportDelivery));
        var reportInput = new ReportResultInput(jobId, pending.Report);
        if (!pending.PastWindow)
        {
            try
            {
                await context.CallActivityAsync(nameof(ReportResult), reportInput, ActivityRetries.ForReporting(settings));
                return null;
            }
            catch (TaskFailedException ex) when (ActivityRetries.IsTransient(ex.FailureDetails))
            {
                LogOverdue(logger, jobId, 0, settings, ex);
            }
        }

        var attempts = pending.AttemptsPastWindow;
        for (var i = 0; i < settings.ReportAttemptsPerRun; i++)
        {
            await context.CreateTimer(settings.ReportRetryInterval, CancellationToken.None);
            attempts++;
            try
            {
                await context.CallActivityAsync(nameof(ReportResult), reportInput);
                return null;
            }
            catch (TaskFailedException ex) when (ActivityRetries.IsTransient(ex.FailureDetails))
            {
                LogOverdue(logger, jobId, attempts, settings, ex);
            }
        }
        return pending with { PastWindow = true, AttemptsPastWindow = attempts };
    }

    private static void LogOverdue(ILogger logger, string jobId, int attempts, RenderJobSettings settings, TaskFailedException ex) =>
        logger.LogError(
            ReportOverdue,
            "The report of job {JobId} is overdue: not delivered within {WindowMinutes} min and {Attempts} attempts since; retrying every {IntervalSeconds} s: {Error}",
            jobId,
            settings.ReportRetryWindow.TotalMinutes,
            attempts,
            settings.ReportRetryInterval.TotalSeconds,
            ex.FailureDetails.ErrorMessage
        );
}
