using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Orchestration;

namespace Serverless.Pipeline.Polling;

/// <summary>Starting a leased job's instance, and settling a job that could not be started. Nothing here is cancellable.</summary>
public sealed partial class JobPoller
{
    private const int StartAttempts = 3;
    private const int LookupAttempts = 4;
    private const int DirectReportAttempts = 3;

    private enum StartOutcome
    {
        Started,
        AlreadyExists,

        /// <summary>Every attempt failed and the instance is known not to exist.</summary>
        NotStarted,

        /// <summary>Every attempt failed and no lookup could tell whether the instance exists.</summary>
        Unknown,
    }

    private TimeSpan FirstRetry => TimeSpan.FromSeconds(options.Value.ActivityRetrySeconds);

    /// <summary>
    /// Starts the job's single instance, retrying with backoff. An instance that already exists in any state is
    /// never started again. The dedupe statuses below guard that on every backend we run on: the in-process
    /// engine, and on Azure the Durable extension 3.18.0 that the Worker SDK's generated extensions project pulls
    /// in (its gRPC StartInstance unions the request's dedupe statuses with <c>overridableExistingInstanceStates</c>,
    /// so a completed instance is not overwritten). The existence check after a failed attempt decides only
    /// what the failure means: a start that timed out after the instance was created is not a failure.
    /// </summary>
    private async Task<StartOutcome> StartAsync(DurableTaskClient durable, string orchestrator, string jobId, object input)
    {
        var instanceId = RenderJobInstance.IdFor(jobId);
        var start = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(
            OrchestrationRuntimeStatus.Pending,
            OrchestrationRuntimeStatus.Running,
            OrchestrationRuntimeStatus.Suspended,
            OrchestrationRuntimeStatus.Completed,
            OrchestrationRuntimeStatus.Failed,
            OrchestrationRuntimeStatus.Terminated
        );
        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await durable.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, start, CancellationToken.None);
                logger.LogInformation("Started {Orchestrator} {InstanceId} for job {JobId}", orchestrator, instanceId, jobId);
                return StartOutcome.Started;
            }
            catch (Exception ex)
            {
                var exists = await ExistsAsync(durable, instanceId);
                if (exists == true)
                {
                    logger.LogWarning(
                        "Job {JobId} was leased again, or its start timed out, but {InstanceId} exists; not starting it twice",
                        jobId,
                        instanceId
                    );
                    return StartOutcome.AlreadyExists;
                }
                var error = SecretScrubber.Scrub(ex.Message);
                if (attempt == StartAttempts)
                {
                    logger.LogError(
                        "Could not start {Orchestrator} for job {JobId} in {Attempts} attempts: {Error}",
                        orchestrator,
                        jobId,
                        attempt,
                        error
                    );
                    return exists is null ? StartOutcome.Unknown : StartOutcome.NotStarted;
                }
                logger.LogWarning(
                    "Could not start {Orchestrator} for job {JobId} (attempt {Attempt}), retrying: {Error}",
                    orchestrator,
                    jobId,
                    attempt,
                    error
                );
                await Task.Delay(delay, CancellationToken.None);
                delay *= 2;
            }
        }
    }

    /// <summary>Whether the instance exists; null when no lookup answered. A failed lookup is never read as "no".</summary>
    private async Task<bool?> ExistsAsync(DurableTaskClient durable, string instanceId)
    {
        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await durable.GetInstanceAsync(instanceId, CancellationToken.None) is not null;
            }
            catch (Exception ex)
            {
                if (attempt == LookupAttempts)
                {
                    logger.LogError(
                        "Could not look up {InstanceId} in {Attempts} attempts: {Error}",
                        instanceId,
                        attempt,
                        SecretScrubber.Scrub(ex.Message)
                    );
                    return null;
                }
                await Task.Delay(delay, CancellationToken.None);
                delay *= 2;
            }
        }
    }

    /// <summary>
    /// Gives a leased job that has no running instance its one failed report: through a durable
    /// <see cref="ReportRejectedJob"/> (which retries until the backend hears it) or, when nothing can be
    /// scheduled, directly. When neither works, or it is unknown whether the job's instance exists, the job is
    /// kept in <see cref="UnsettledLeases"/> for the next tick. True when the job is settled.
    /// </summary>
    private async Task<bool> SettleAsync(DurableTaskClient durable, ReportRejectedJobInput failure, LeaseJournalEntry? entry)
    {
        var exists = await ExistsAsync(durable, RenderJobInstance.IdFor(failure.JobId));
        if (exists is null)
            return KeepUnsettled(failure, entry, "it is unknown whether its instance exists");
        if (exists == false)
        {
            var outcome = await StartAsync(durable, nameof(ReportRejectedJob), failure.JobId, failure);
            if (outcome is StartOutcome.Unknown)
                return KeepUnsettled(failure, entry, "it is unknown whether its report was scheduled");
            if (outcome is StartOutcome.NotStarted && !await ReportDirectlyAsync(failure))
                return KeepUnsettled(failure, entry, "neither a durable nor a direct report went through");
        }
        unsettled.Remove(failure.JobId);
        await ForgetAsync(entry);
        return true;
    }

    /// <summary>
    /// The jobs this process kept unsettled, then the lease journal's due entries: jobs a stopped or crashed host
    /// (this one before a restart, or another on the same task hub) leased and neither started nor reported.
    /// </summary>
    private async Task<bool> SettleEarlierLeasesAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        foreach (var (failure, entry) in unsettled.All)
        {
            if (!await SettleAsync(durable, failure, entry))
                return false;
        }
        IReadOnlyList<LeaseJournalEntry> due;
        try
        {
            due = await journal.TakeDueAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(
                "Could not read the lease journal; it is read again on the next tick: {Error}",
                SecretScrubber.Scrub(ex.Message)
            );
            return true;
        }
        foreach (var entry in due)
        {
            logger.LogWarning(
                "Job {JobId} is in the lease journal: it was leased but not known to be started or reported; settling it",
                entry.Failure.JobId
            );
            if (!await SettleAsync(durable, entry.Failure, entry))
                return false;
        }
        return true;
    }

    private async Task<bool> ReportDirectlyAsync(ReportRejectedJobInput failure)
    {
        var report = JobReport.Failed($"{failure.Code}: {failure.Reason}");
        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await backend.ReportAsync(failure.JobId, report, CancellationToken.None);
                logger.LogWarning("Reported job {JobId} as failed directly: {Error}", failure.JobId, report.Error);
                return true;
            }
            catch (PermanentFailureException ex)
            {
                logger.LogError(
                    "The backend refused the failure report of job {JobId}: {Error}",
                    failure.JobId,
                    SecretScrubber.Scrub(ex.Message)
                );
                return true;
            }
            catch (Exception ex) when (attempt < DirectReportAttempts)
            {
                logger.LogWarning(
                    "Could not report job {JobId} as failed (attempt {Attempt}), retrying: {Error}",
                    failure.JobId,
                    attempt,
                    SecretScrubber.Scrub(ex.Message)
                );
                await Task.Delay(delay, CancellationToken.None);
                delay *= 2;
            }
            catch (Exception ex)
            {
                logger.LogError("Could not report job {JobId} as failed either: {Error}", failure.JobId, SecretScrubber.Scrub(ex.Message));
                return false;
            }
        }
    }

    private bool KeepUnsettled(ReportRejectedJobInput failure, LeaseJournalEntry? entry, string why)
    {
        unsettled.Add(failure, entry);
        logger.LogCritical(
            "Job {JobId} is leased but neither running nor reported ({Why}); every tick retries it before leasing more",
            failure.JobId,
            why
        );
        return false;
    }
}
