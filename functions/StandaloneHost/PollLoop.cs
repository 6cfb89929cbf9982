using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Polling;

namespace Serverless.StandaloneHost;

/// <summary>The standalone stand-in for the PollBackend timer trigger: one poll on each POLL_SCHEDULE tick.</summary>
internal sealed class PollLoop(
    IServiceProvider services,
    DurableTaskClient durable,
    IOptions<StandaloneHostOptions> options,
    TimeProvider clock,
    ILogger<PollLoop> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.ParsePollSchedule();
        while (!stoppingToken.IsCancellationRequested)
        {
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
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Poll tick failed");
            }

            var now = clock.GetUtcNow();
            var next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) ?? now.AddSeconds(10);
            await Task.Delay(next - now, clock, stoppingToken);
        }
    }
}
