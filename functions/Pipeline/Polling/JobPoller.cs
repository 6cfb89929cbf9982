using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Orchestration;

namespace Serverless.Pipeline.Polling;

/// <summary>
/// One polling tick: leases jobs while the backend has some and fewer than MAX_CONCURRENT_JOBS are in flight,
/// and starts one orchestration per job. Backend trouble is logged and left to the next tick.
/// </summary>
/// <remarks>
/// Once a job is leased it is ours until reported: the lease call, the start and any failure report run
/// without the tick's cancellation token (scale-in, deploy, Ctrl-C), and a job that could not be started is
/// reported failed durably. The first start that fails ends the tick, so a scheduling outage fails one job,
/// not the backlog. The durable client is a parameter: Azure Functions hands it over through a binding, not DI.
/// </remarks>
public sealed partial class JobPoller(
    IBackendClient backend,
    IOptions<PipelineOptions> options,
    IOptions<ChunkingOptions> chunking,
    UnsettledLeases unsettled,
    ILeaseJournal journal,
    ILogger<JobPoller> logger
)
{
    private const string NotScheduled = "the job could not be scheduled.";

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
        if (!await SettleEarlierLeasesAsync(durable, cancellationToken))
            return new PollSummary(0, 0, inFlight, Failed: unsettled.Count);

        int started = 0,
            rejected = 0;
        while (inFlight < settings.MaxConcurrentJobs && !cancellationToken.IsCancellationRequested)
        {
            var lease = await TryLeaseAsync();
            switch (lease)
            {
                case LeaseResult.Leased { Job: var job }:
                    var notScheduled = new ReportRejectedJobInput(job.Id, NotScheduled, settings.ToJobSettings(), "internal_error");
                    var entry = await journal.RecordAsync(notScheduled);
                    var outcome = await StartAsync(
                        durable,
                        nameof(RenderJob),
                        job.Id,
                        new RenderJobInput(job, settings.ToJobSettings(chunking.Value))
                    );
                    if (outcome == StartOutcome.Started)
                    {
                        started++;
                        inFlight++;
                    }
                    if (outcome is StartOutcome.Started or StartOutcome.AlreadyExists)
                    {
                        await ForgetAsync(entry);
                        continue;
                    }
                    await SettleAsync(durable, notScheduled, entry);
                    return new PollSummary(started, rejected, inFlight + 1, Failed: 1);
                case LeaseResult.Rejected { JobId: { } jobId } bad:
                    logger.LogWarning("Leased job {JobId} is invalid: {Reason}", jobId, bad.Reason);
                    rejected++;
                    var failure = new ReportRejectedJobInput(jobId, bad.Reason, settings.ToJobSettings());
                    if (!await SettleAsync(durable, failure, await journal.RecordAsync(failure)))
                        return new PollSummary(started, rejected, inFlight);
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

    private async Task ForgetAsync(LeaseJournalEntry? entry)
    {
        if (entry is not null)
            await journal.ForgetAsync(entry);
    }

    /// <summary>Not cancellable: a lease the backend granted while we stopped listening would be lost.</summary>
    private async Task<LeaseResult?> TryLeaseAsync()
    {
        try
        {
            return await backend.LeaseAsync(CancellationToken.None);
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

    private static async Task<int> CountInFlightAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var count = 0;
        var query = new OrchestrationQuery
        {
            Statuses = s_inFlight,
            InstanceIdPrefix = RenderJobInstance.Prefix,
            PageSize = 100,
        };
        await foreach (var _ in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            count++;
        return count;
    }
}
