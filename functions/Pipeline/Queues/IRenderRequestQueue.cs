using Serverless.Contracts;

namespace Serverless.Pipeline.Queues;

/// <summary>The <c>render-requests</c> queue, as the pipeline sees it.</summary>
public interface IRenderRequestQueue
{
    Task SendAsync(RenderRequest request, CancellationToken cancellationToken);
}
