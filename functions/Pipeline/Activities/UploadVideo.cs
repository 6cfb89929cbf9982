using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Activities;

public sealed record UploadVideoInput(string JobId, string Namespace);

public sealed record PublishedVideo(string VideoKey, string? PosterKey, long Bytes, long ElapsedMs);

/// <summary>Publishes the rendered video (and poster) from the staging keys to <c>outputs/&lt;ns&gt;/&lt;jobId&gt;</c>.</summary>
public sealed class UploadVideo(IObjectStore store, ILogger<UploadVideo> logger)
{
    public async Task<PublishedVideo> RunAsync(UploadVideoInput input, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var rendered = JobKeys.RenderedVideo(input.JobId);
        var video = await store.GetInfoAsync(rendered, cancellationToken);
        if (video is null || video.Size == 0)
            throw new PermanentFailureException("The render worker reported success but uploaded no video.");

        var videoKey = JobKeys.OutputVideo(input.Namespace, input.JobId);
        await store.CopyAsync(rendered, videoKey, RenderMediaTypes.Video, cancellationToken);

        string? posterKey = null;
        if (await store.GetInfoAsync(JobKeys.RenderedPoster(input.JobId), cancellationToken) is { Size: > 0 })
        {
            posterKey = JobKeys.OutputPoster(input.Namespace, input.JobId);
            await store.CopyAsync(JobKeys.RenderedPoster(input.JobId), posterKey, RenderMediaTypes.Poster, cancellationToken);
        }

        logger.LogInformation("Published job {JobId} to {VideoKey} ({Bytes} bytes)", input.JobId, videoKey, video.Size);
        return new PublishedVideo(videoKey, posterKey, video.Size, clock.ElapsedMilliseconds);
    }
}
