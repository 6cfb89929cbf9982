using Serverless.Contracts;

namespace Serverless.Pipeline.Queues;

public sealed class RenderRequestQueue(PipelineRenderQueues queues) : IRenderRequestQueue
{
    private int _created;

    public async Task SendAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        var queue = queues.Requests;
        if (Interlocked.Exchange(ref _created, 1) == 0)
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queue.SendMessageAsync(RenderQueueJson.Serialize(request), cancellationToken);
    }
}
