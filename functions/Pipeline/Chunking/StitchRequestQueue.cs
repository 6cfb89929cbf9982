using Serverless.Contracts;
using Serverless.Pipeline.Queues;

namespace Serverless.Pipeline.Chunking;

public sealed class StitchRequestQueue(PipelineRenderQueues queues) : IStitchRequestQueue
{
    private int _created;

    public async Task SendAsync(StitchRequest request, CancellationToken cancellationToken)
    {
        var queue = queues.Requests;
        if (Interlocked.Exchange(ref _created, 1) == 0)
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queue.SendMessageAsync(RenderQueueJson.Serialize(request), cancellationToken);
    }
}
