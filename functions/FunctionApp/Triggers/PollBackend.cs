using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Pipeline.Polling;

namespace Serverless.Functions.Triggers;

public sealed class PollBackend(JobPoller poller)
{
    /// <summary>Leases queued jobs on POLL_SCHEDULE (default every 10 s) and starts one RenderJob each.</summary>
    [Function(nameof(PollBackend))]
    public Task RunAsync(
        [TimerTrigger("%POLL_SCHEDULE%")] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken
    ) => poller.PollOnceAsync(durable, cancellationToken);
}
