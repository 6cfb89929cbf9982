using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.Pipeline.Queues;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Activities;

public sealed record RequestRenderInput(
    string JobId,
    string InstanceId,
    string ImageKey,
    string AudioKey,
    DateTimeOffset Deadline,
    TimeSpan UrlValidFor,
    RenderOptions Options,
    string? RequestId = null,
    string? CaptionsKey = null
);

/// <summary>
/// Enqueues the render request for the GPU worker with per-job presigned URLs (the worker holds no
/// storage credentials). Enqueuing twice on a retry is harmless: the orchestration takes the first result.
/// </summary>
public sealed class RequestRender(IObjectStore store, IRenderRequestQueue queue, ILogger<RequestRender> logger)
{
    public async Task RunAsync(RequestRenderInput input, CancellationToken cancellationToken)
    {
        await queue.SendAsync(RequestFor(store, input), cancellationToken);
        logger.LogInformation("Requested render of job {JobId} (deadline {Deadline:o})", input.JobId, input.Deadline);
    }

    /// <summary>The whole job's request, its URLs presigned for <see cref="RequestRenderInput.UrlValidFor"/>.</summary>
    public static RenderRequest RequestFor(IObjectStore store, RequestRenderInput input)
    {
        var ttl = input.UrlValidFor;
        return new RenderRequest
        {
            JobId = input.JobId,
            InstanceId = input.InstanceId,
            ImageUrl = store.PresignGet(input.ImageKey, ttl),
            AudioUrl = store.PresignGet(input.AudioKey, ttl),
            VideoUploadUrl = store.PresignPut(JobKeys.RenderedVideo(input.JobId), RenderMediaTypes.Video, ttl),
            PosterUploadUrl = store.PresignPut(JobKeys.RenderedPoster(input.JobId), RenderMediaTypes.Poster, ttl),
            Options = input.Options,
            Deadline = input.Deadline,
            RequestId = input.RequestId,
            CaptionsUrl = input.CaptionsKey is { } captions ? store.PresignGet(captions, ttl) : null,
        };
    }
}
