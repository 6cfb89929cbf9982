using Serverless.Contracts;

namespace Serverless.Pipeline.Chunking;

/// <summary>Stitch requests go on <c>render-requests</c> too: any free render worker takes them.</summary>
public interface IStitchRequestQueue
{
    Task SendAsync(StitchRequest request, CancellationToken cancellationToken);
}
