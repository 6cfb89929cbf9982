using System.Collections.Concurrent;
using Serverless.Contracts;
using Serverless.Pipeline.Queues;

namespace Serverless.Pipeline.Tests.Orchestration;

/// <summary>Stands in for the render-requests queue; the test plays the GPU worker.</summary>
internal sealed class CapturingRenderQueue : IRenderRequestQueue
{
    private int _failuresLeft;

    public ConcurrentDictionary<string, RenderRequest> Requests { get; } = new();

    public void FailNextSends(int count) => _failuresLeft = count;

    public Task SendAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            throw new InvalidOperationException("queue service unavailable");
        Requests[request.JobId] = request;
        return Task.CompletedTask;
    }
}
