using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Orchestration;

/// <param name="PastWindow">The REPORT_RETRY_MINUTES window is over: retry on the fixed interval only.</param>
/// <param name="AttemptsPastWindow">Attempts made since the window ended, over all continued runs.</param>
public sealed record DeliverReportInput(string JobId, JobReport Report, RenderJobSettings Settings, bool PastWindow = false, int AttemptsPastWindow = 0);

/// <summary>
/// Delivers a job's one report and never gives up while it has not landed: first with backoff for the
/// REPORT_RETRY_MINUTES window, then once every REPORT_RETRY_INTERVAL_SECONDS on a durable timer, with an
/// alertable error each attempt. It runs as its own instance (<see cref="RenderJobInstance.ReportIdFor"/>) and
/// continues as new every <see cref="RenderJobSettings.ReportAttemptsPerRun"/> attempts, so its history stays small over days.
/// Only a refusal by the backend (a <see cref="PermanentFailureException"/>) ends it unreported, failed.
/// </summary>
public static class DeliverReport
{
    /// <summary>Logged at each attempt past the window; alert on it.</summary>
    public static readonly EventId ReportOverdue = new(4101, nameof(ReportOverdue));

    public static async Task<JobReport> RunAsync(TaskOrchestrationContext context, DeliverReportInput input)
    {
        var logger = context.CreateReplaySafeLogger(nameof(DeliverReport));
        var reportInput = new ReportResultInput(input.JobId, input.Report);
        if (!input.PastWindow)
        {
            try
            {
                await context.CallActivityAsync(nameof(ReportResult), reportInput, ActivityRetries.ForReporting(input.Settings));
                return input.Report;
            }
            catch (TaskFailedException ex) when (ActivityRetries.IsTransient(ex.FailureDetails))
            {
                LogOverdue(logger, input.JobId, 0, input.Settings, ex);
            }
        }

        var attempts = input.AttemptsPastWindow;
        for (var i = 0; i < input.Settings.ReportAttemptsPerRun; i++)
        {
            await context.CreateTimer(input.Settings.ReportRetryInterval, CancellationToken.None);
            attempts++;
            try
            {
                await context.CallActivityAsync(nameof(ReportResult), reportInput);
                return input.Report;
            }
            catch (TaskFailedException ex) when (ActivityRetries.IsTransient(ex.FailureDetails))
            {
                LogOverdue(logger, input.JobId, attempts, input.Settings, ex);
            }
        }
        context.ContinueAsNew(input with { PastWindow = true, AttemptsPastWindow = attempts });
        return input.Report;
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
