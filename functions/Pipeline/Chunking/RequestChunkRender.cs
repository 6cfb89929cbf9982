using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.Pipeline.Queues;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Chunking;

/// <param name="PlanId">The plan's <see cref="ChunkPlan.Fingerprint"/>.</param>
/// <param name="Renderer">The renderer the plan was made for: every chunk of a video uses the same one.</param>
public sealed record RequestChunkRenderInput(
    string JobId,
    string InstanceId,
    string ImageKey,
    string PlanId,
    int ChunkIndex,
    int ChunkCount,
    Renderer Renderer,
    DateTimeOffset Deadline,
    TimeSpan UrlValidFor,
    RenderOptions Options
);

/// <summary>
/// Activity: enqueues the render of one chunk, with presigned URLs for that chunk's audio and its own video key
/// (no poster: the stitch makes the job's). The request names its renderer (no fallback inside a chunk) and
/// carries a GET of its video key, so a redelivered or re-sent chunk that is already rendered is not rendered
/// again. Sending twice is harmless: the chunk's result is keyed by its index.
/// </summary>
public sealed class RequestChunkRender(IObjectStore store, IRenderRequestQueue queue, ILogger<RequestChunkRender> logger)
{
    public async Task RunAsync(RequestChunkRenderInput input, CancellationToken cancellationToken)
    {
        var ttl = input.UrlValidFor;
        var video = ChunkKeys.ChunkVideo(input.JobId, input.PlanId, input.ChunkIndex);
        var request = new RenderRequest
        {
            JobId = input.JobId,
            InstanceId = input.InstanceId,
            ImageUrl = store.PresignGet(input.ImageKey, ttl),
            AudioUrl = store.PresignGet(ChunkKeys.ChunkAudio(input.JobId, input.PlanId, input.ChunkIndex), ttl),
            VideoUploadUrl = store.PresignPut(video, RenderMediaTypes.Video, ttl),
            Options = input.Options with { Renderer = input.Renderer },
            Deadline = input.Deadline,
            Chunk = new RenderChunk
            {
                Index = input.ChunkIndex,
                Count = input.ChunkCount,
                ExistingVideoUrl = store.PresignGet(video, ttl),
            },
        };
        await queue.SendAsync(request, cancellationToken);
        logger.LogInformation(
            "Requested chunk {ChunkIndex} of {ChunkCount} of job {JobId}",
            input.ChunkIndex,
            input.ChunkCount,
            input.JobId
        );
    }
}
