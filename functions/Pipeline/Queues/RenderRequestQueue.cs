using Serverless.Contracts;
using Serverless.Pipeline.Chunking;

namespace Serverless.Pipeline.Queues;

/// <summary><c>render-requests</c>: render and stitch requests alike, for any free render worker.</summary>
public sealed class RenderRequestQueue(PipelineRenderQueues queues) : IRenderRequestQueue, IStitchRequestQueue
{
    private int _created;

    public Task SendAsync(RenderRequest request, CancellationToken cancellationToken) =>
        SendAsync(RenderQueueJson.Serialize(request), cancellationToken);

    public Task SendAsync(StitchRequest request, CancellationToken cancellationToken) =>
        SendAsync(RenderQueueJson.Serialize(request), cancellationToken);

    private async Task SendAsync(string message, CancellationToken cancellationToken)
    {
        var queue = queues.Requests;
        if (Interlocked.Exchange(ref _created, 1) == 0)
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queue.SendMessageAsync(message, cancellationToken);
    }
}
