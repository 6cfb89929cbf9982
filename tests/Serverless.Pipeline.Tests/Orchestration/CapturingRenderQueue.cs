using System.Collections.Concurrent;
using Serverless.Contracts;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Queues;

namespace Serverless.Pipeline.Tests.Orchestration;

/// <summary>Stands in for the render-requests queue, render and stitch requests alike; the test plays the GPU worker.</summary>
internal sealed class CapturingRenderQueue : IRenderRequestQueue, IStitchRequestQueue
{
    private int _failuresLeft;

    /// <summary>The latest request for each job's whole render (not its chunks).</summary>
    public ConcurrentDictionary<string, RenderRequest> Requests { get; } = new();

    /// <summary>Every render request sent, chunks included, in order.</summary>
    public ConcurrentQueue<RenderRequest> Renders { get; } = new();

    public ConcurrentQueue<StitchRequest> Stitches { get; } = new();

    public void FailNextSends(int count) => _failuresLeft = count;

    public Task SendAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            throw new InvalidOperationException("queue service unavailable");
        Renders.Enqueue(request);
        if (request.Chunk is null)
            Requests[request.JobId] = request;
        return Task.CompletedTask;
    }

    public Task SendAsync(StitchRequest request, CancellationToken cancellationToken)
    {
        Stitches.Enqueue(request);
        return Task.CompletedTask;
    }
}
