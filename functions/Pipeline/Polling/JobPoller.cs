using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Orchestration;

namespace Serverless.Pipeline.Polling;

public sealed record PollSummary(int Started, int Rejected, int InFlight);

/// <summary>
/// One polling tick: leases jobs while the backend has some and fewer than MAX_CONCURRENT_JOBS are in flight,
/// and starts one orchestration per job. Backend trouble is logged and left to the next tick.
/// </summary>
/// <remarks>The durable client is a parameter: Azure Functions hands it over through a binding, not DI.</remarks>
public sealed class JobPoller(IBackendClient backend, IOptions<PipelineOptions> options, ILogger<JobPoller> logger)
{
    private static readonly OrchestrationRuntimeStatus[] s_inFlight =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
    ];

    public async Task<PollSummary> PollOnceAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var inFlight = await CountInFlightAsync(durable, cancellationToken);
        int started = 0, rejected = 0;
        while (inFlight < settings.MaxConcurrentJobs && !cancellationToken.IsCancellationRequested)
        {
            var lease = await TryLeaseAsync(cancellationToken);
            switch (lease)
            {
                case LeaseResult.Leased leased:
                    if (await StartAsync(durable, nameof(RenderJob), leased.Job.Id, new RenderJobInput(leased.Job, settings.ToJobSettings()), cancellationToken))
                    {
                        started++;
                        inFlight++;
                    }
                    continue;
                case LeaseResult.Rejected { JobId: { } jobId } bad:
                    logger.LogWarning("Leased job {JobId} is invalid: {Reason}", jobId, bad.Reason);
                    await StartAsync(
                        durable,
                        nameof(ReportRejectedJob),
                        jobId,
                        new ReportRejectedJobInput(jobId, bad.Reason, settings.ToJobSettings()),
                        cancellationToken
                    );
                    rejected++;
                    continue;
                case LeaseResult.Rejected bad:
                    logger.LogError("The backend leased a job whose id cannot be used, so it cannot be reported: {Reason}", bad.Reason);
                    rejected++;
                    continue;
                default:
                    return new PollSummary(started, rejected, inFlight);
            }
        }
        return new PollSummary(started, rejected, inFlight);
    }

    private async Task<LeaseResult?> TryLeaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await backend.LeaseAsync(cancellationToken);
        }
        catch (BackendAuthException ex)
        {
            logger.LogCritical("The backend refused WORKER_TOKEN; no job can be leased until it is fixed: {Error}", ex.Message);
        }
        catch (BackendUnavailableException ex)
        {
            logger.LogWarning("Could not lease a job, will retry on the next tick: {Error}", ex.Message);
        }
        return null;
    }

    /// <summary>
    /// Starts the job's single instance. An instance that already exists in any state is never started again;
    /// a start that fails otherwise is reported failed at once, since the lease cannot be handed back.
    /// </summary>
    private async Task<bool> StartAsync(DurableTaskClient durable, string orchestrator, string jobId, object input, CancellationToken cancellationToken)
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
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, start, cancellationToken);
            logger.LogInformation("Started {Orchestrator} {InstanceId} for job {JobId}", orchestrator, instanceId, jobId);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (await ExistsAsync(durable, instanceId, cancellationToken))
            {
                logger.LogWarning("Job {JobId} was leased again but {InstanceId} already exists; not starting it twice", jobId, instanceId);
                return false;
            }
            logger.LogError("Could not start the orchestration of job {JobId}; reporting it failed: {Error}", jobId, SecretScrubber.Scrub(ex.Message));
            await ReportStartFailureAsync(jobId, cancellationToken);
            return false;
        }
    }

    private static async Task<bool> ExistsAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return await durable.GetInstanceAsync(instanceId, cancellationToken) is not null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ReportStartFailureAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await backend.ReportAsync(jobId, JobReport.Failed("internal_error: the job could not be scheduled."), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Could not report job {JobId} as failed either: {Error}", jobId, SecretScrubber.Scrub(ex.Message));
        }
    }

    private static async Task<int> CountInFlightAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var count = 0;
        var query = new OrchestrationQuery { Statuses = s_inFlight, PageSize = 100 };
        await foreach (var _ in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            count++;
        return count;
    }
}
