using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Pipeline;
using Serverless.Pipeline.Backend;
using Serverless.Pipeline.Polling;

namespace Serverless.StandaloneHost;

/// <summary>
/// The standalone stand-in for the PollBackend timer trigger: one poll on each POLL_SCHEDULE tick. A poll that
/// stopped at MAX_CONCURRENT_JOBS may have left jobs queued at the backend, so until a poll ends below the limit
/// the loop checks again every <see cref="BusyRecheck"/> and leases as soon as a job finishes, instead of leaving
/// the freed slot idle until the next tick.
/// </summary>
/// <remarks>
/// A stop lets the tick in flight finish, whatever the host's short shutdown timeout says: a lease the backend
/// granted must get its instance or its failure report first (<see cref="LeaseWindow"/>). No new lease starts once
/// stopping. A host killed in between leaves the job in the lease journal, which the next start settles.
/// </remarks>
internal sealed class PollLoop(
    IServiceProvider services,
    DurableTaskClient durable,
    IOptions<StandaloneHostOptions> options,
    IOptions<PipelineOptions> pipeline,
    IOptions<BackendOptions> backend,
    TimeProvider clock,
    ILogger<PollLoop> logger
) : BackgroundService
{
    /// <summary>How soon a poll that stopped at the concurrency limit is followed by another (a local count only, until a slot frees).</summary>
    public static readonly TimeSpan BusyRecheck = TimeSpan.FromMilliseconds(500);

    /// <summary>A lease call, the start with its retries and one failure report, with room to spare.</summary>
    public TimeSpan LeaseWindow => TimeSpan.FromSeconds(2 * backend.Value.TimeoutSeconds + 30);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        using var window = new CancellationTokenSource(LeaseWindow);
        await base.StopAsync(window.Token);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.ParsePollSchedule();
        while (!stoppingToken.IsCancellationRequested)
        {
            var atLimit = false;
            try
            {
                var poller = services.GetRequiredService<JobPoller>();
                var summary = await poller.PollOnceAsync(durable, stoppingToken);
                if (summary.Started + summary.Rejected > 0)
                    logger.LogInformation(
                        "Poll started {Started} job(s), rejected {Rejected}; {InFlight} in flight",
                        summary.Started,
                        summary.Rejected,
                        summary.InFlight
                    );
                atLimit = summary.InFlight >= pipeline.Value.MaxConcurrentJobs;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Poll tick failed");
            }

            var now = clock.GetUtcNow();
            var untilTick = (schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) ?? now.AddSeconds(10)) - now;
            await Task.Delay(atLimit && BusyRecheck < untilTick ? BusyRecheck : untilTick, clock, stoppingToken);
        }
    }
}
