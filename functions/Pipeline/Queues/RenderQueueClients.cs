using Azure.Storage.Queues;
using Serverless.Contracts;

namespace Serverless.Pipeline.Queues;

/// <summary>The render queues the pipeline uses, from the one <see cref="QueueServiceClient"/> (AddRenderQueueService).</summary>
public sealed class RenderQueueClients(QueueServiceClient service)
{
    public QueueClient Requests { get; } = service.GetQueueClient(RenderQueues.Requests);

    public QueueClient Results { get; } = service.GetQueueClient(RenderQueues.Results);
}
