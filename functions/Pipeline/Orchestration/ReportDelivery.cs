using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Activities;

namespace Serverless.Pipeline.Orchestration;

/// <summary>
/// Delivers a job's one report from inside the orchestration that owns it, and never gives up while it has not
/// landed: first with backoff for the REPORT_RETRY_MINUTES window, then once every REPORT_RETRY_INTERVAL_SECONDS
/// on a durable timer, with an alertable error each attempt. After <see cref="RenderJobSettings.ReportAttemptsPerRun"/>
/// attempts it hands back the state to continue as new with, so the instance's history stays small over days.
/// A refusal by the backend (a <see cref="PermanentFailureException"/>, e.g. a 404 or 400 to a report it already
/// has) ends the delivery: it is logged as the alertable error <see cref="ReportRefused"/>, and the job's instance
/// goes on to its clean-up.
/// </summary>
/// <remarks>
/// A step of the job's own instance, not a sub-orchestration: the standalone host's gRPC sidecar cannot persist
/// sub-orchestration events in the Azure Storage provider, and one instance per job keeps the poller's count simple.
/// </remarks>
public static class ReportDelivery
{
    /// <summary>Logged at each attempt past the window; alert on it.</summary>
    public static readonly EventId ReportOverdue = new(4101, nameof(ReportOverdue));

    /// <summary>Logged when the backend refused a report for good; alert on it.</summary>
    public static readonly EventId ReportRefused = new(4102, nameof(ReportRefused));

    /// <summary>Delivered or refused once the backend answered for good; otherwise overdue, with the state to continue as new with.</summary>
    public static async Task<ReportDeliveryResult> DeliverAsync(
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
                return new ReportDeliveryResult(ReportOutcome.Delivered);
            }
            catch (TaskFailedException ex) when (ActivityRetries.IsTransient(ex.FailureDetails))
            {
                LogOverdue(logger, jobId, 0, settings, ex);
            }
            catch (TaskFailedException ex)
            {
                return Refused(logger, jobId, ex);
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
                return new ReportDeliveryResult(ReportOutcome.Delivered);
            }
            catch (TaskFailedException ex) when (ActivityRetries.IsTransient(ex.FailureDetails))
            {
                LogOverdue(logger, jobId, attempts, settings, ex);
            }
            catch (TaskFailedException ex)
            {
                return Refused(logger, jobId, ex);
            }
        }
        return new ReportDeliveryResult(ReportOutcome.Overdue, pending with { PastWindow = true, AttemptsPastWindow = attempts });
    }

    private static ReportDeliveryResult Refused(ILogger logger, string jobId, TaskFailedException ex)
    {
        logger.LogError(
            ReportRefused,
            "The backend refused the report of job {JobId} for good; not retrying it: {Error}",
            jobId,
            ex.FailureDetails.ErrorMessage
        );
        return new ReportDeliveryResult(ReportOutcome.Refused);
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
