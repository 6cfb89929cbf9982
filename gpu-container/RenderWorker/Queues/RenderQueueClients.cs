using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Serverless.Contracts;

namespace Serverless.RenderWorker.Queues;

/// <summary>The three render queues, from the one <see cref="QueueServiceClient"/> (AddRenderQueueService). Messages are plain JSON text.</summary>
public sealed class RenderQueueClients(QueueServiceClient service)
{
    public QueueClient Requests { get; } = service.GetQueueClient(RenderQueues.Requests);
    public QueueClient Results { get; } = service.GetQueueClient(RenderQueues.Results);
    public QueueClient Poison { get; } = service.GetQueueClient(RenderQueues.RequestsPoison);

    /// <summary>Creates missing queues; an identity without the right to create them gets a warning only (infra creates them).</summary>
    public async Task EnsureCreatedAsync(ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var queue in new[] { Requests, Results, Poison })
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 403)
            {
                Log.QueueCreateForbidden(logger, queue.Name, ex.ErrorCode);
            }
        }
    }
}
