using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Chunking;

/// <param name="AudioKey">The job's original speech (the key the planning render read).</param>
public sealed record RequestStitchInput(
    string JobId,
    string InstanceId,
    string AudioKey,
    ChunkPlan Plan,
    Renderer Renderer,
    DateTimeOffset Deadline,
    TimeSpan UrlValidFor,
    RenderOptions Options
);

/// <summary>
/// Activity: enqueues the stitch of a planned job's chunk videos. The joined video and poster go to the keys a
/// normal render writes (<see cref="JobKeys.RenderedVideo"/>, <see cref="JobKeys.RenderedPoster"/>), so
/// UploadVideo publishes a stitched job unchanged.
/// </summary>
public sealed class RequestStitch(IObjectStore store, IStitchRequestQueue queue, ILogger<RequestStitch> logger)
{
    public async Task RunAsync(RequestStitchInput input, CancellationToken cancellationToken)
    {
        var ttl = input.UrlValidFor;
        var planId = input.Plan.Fingerprint();
        var request = new StitchRequest
        {
            JobId = input.JobId,
            InstanceId = input.InstanceId,
            AudioUrl = store.PresignGet(input.AudioKey, ttl),
            Plan = input.Plan,
            ChunkVideoUrls = [.. input.Plan.Chunks.Select(c => store.PresignGet(ChunkKeys.ChunkVideo(input.JobId, planId, c.Index), ttl))],
            VideoUploadUrl = store.PresignPut(JobKeys.RenderedVideo(input.JobId), RenderMediaTypes.Video, ttl),
            PosterUploadUrl = store.PresignPut(JobKeys.RenderedPoster(input.JobId), RenderMediaTypes.Poster, ttl),
            Options = input.Options with { Renderer = input.Renderer },
            Deadline = input.Deadline,
        };
        await queue.SendAsync(request, cancellationToken);
        logger.LogInformation("Requested the stitch of {Chunks} chunks of job {JobId}", input.Plan.Chunks.Count, input.JobId);
    }
}
