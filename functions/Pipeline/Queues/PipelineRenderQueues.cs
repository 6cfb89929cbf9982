using Azure.Storage.Queues;
using Serverless.Contracts;

namespace Serverless.Pipeline.Queues;

/// <summary>The two render queues the pipeline uses (requests out, results in), from the one <see cref="QueueServiceClient"/> (AddRenderQueueService).</summary>
public sealed class PipelineRenderQueues(QueueServiceClient service)
{
    public QueueClient Requests { get; } = service.GetQueueClient(RenderQueues.Requests);

    public QueueClient Results { get; } = service.GetQueueClient(RenderQueues.Results);
}
