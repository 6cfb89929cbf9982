using System.Collections.Concurrent;
using Serverless.Contracts;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Queues;

namespace Serverless.Pipeline.Tests.Chunking;

/// <summary>Stands in for render-requests: keeps every render and stitch request sent, in order.</summary>
internal sealed class RecordingQueues : IRenderRequestQueue, IStitchRequestQueue
{
    public ConcurrentQueue<RenderRequest> Renders { get; } = new();
    public ConcurrentQueue<StitchRequest> Stitches { get; } = new();

    public Task SendAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        Renders.Enqueue(request);
        return Task.CompletedTask;
    }

    public Task SendAsync(StitchRequest request, CancellationToken cancellationToken)
    {
        Stitches.Enqueue(request);
        return Task.CompletedTask;
    }
}
