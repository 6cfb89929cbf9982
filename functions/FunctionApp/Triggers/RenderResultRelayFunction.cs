using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Contracts;
using Serverless.Pipeline.Polling;

namespace Serverless.Functions.Triggers;

public sealed class RenderResultRelayFunction(RenderResultRelay relay)
{
    /// <summary>Raises RenderCompleted on the job's instance for each message of the render-results queue.</summary>
    [Function(nameof(RenderResultRelay))]
    public Task RunAsync(
        [QueueTrigger(RenderQueues.Results)] string message,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken
    ) => relay.RelayAsync(durable, message, cancellationToken);
}
