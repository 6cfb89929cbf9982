using Serverless.Contracts;

namespace Serverless.RenderWorker;

/// <summary>
/// Marks every answer to a chunk or stitch request, failures included, with what it answers (chunk index and
/// count, or the number of chunks stitched), and every answer to a render request with its request id, so the
/// orchestration can tell the results of one job apart.
/// </summary>
internal static class ChunkEcho
{
    public static RenderRequestHandler.Disposition Stamp(RenderRequestHandler.Disposition disposition, RenderRequest request) =>
        disposition is RenderRequestHandler.Disposition.Answer { Result: var result }
            ? new RenderRequestHandler.Disposition.Answer(
                request.Chunk is { } chunk
                    ? result with
                    {
                        RequestId = request.RequestId,
                        ChunkIndex = chunk.Index,
                        ChunkCount = chunk.Count,
                    }
                    : result with
                    {
                        RequestId = request.RequestId,
                    }
            )
            : disposition;

    public static RenderRequestHandler.Disposition Stamp(RenderRequestHandler.Disposition disposition, StitchRequest request) =>
        disposition is RenderRequestHandler.Disposition.Answer { Result: var result }
            ? new RenderRequestHandler.Disposition.Answer(result with { StitchedChunks = request.Plan.Chunks.Count })
            : disposition;
}
