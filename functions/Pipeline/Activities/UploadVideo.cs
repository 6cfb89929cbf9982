using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Serverless.Captions;
using Serverless.Contracts;
using Serverless.Pipeline.Captioning;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Activities;

public sealed record UploadVideoInput(string JobId, string Namespace);

/// <param name="CaptionsVttKey">The published WebVTT captions, when the job made captions (<see cref="CaptionKeys"/>).</param>
public sealed record PublishedVideo(
    string VideoKey,
    string? PosterKey,
    long Bytes,
    long ElapsedMs,
    string? CaptionsVttKey = null,
    string? CaptionsSrtKey = null
);

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

        var vttKey = await PublishIfMadeAsync(
            CaptionKeys.StagedVtt(input.JobId),
            CaptionKeys.OutputVtt(input.Namespace, input.JobId),
            WebVttWriter.MediaType,
            cancellationToken
        );
        var srtKey = await PublishIfMadeAsync(
            CaptionKeys.StagedSrt(input.JobId),
            CaptionKeys.OutputSrt(input.Namespace, input.JobId),
            SrtWriter.MediaType,
            cancellationToken
        );

        logger.LogInformation("Published job {JobId} to {VideoKey} ({Bytes} bytes)", input.JobId, videoKey, video.Size);
        return new PublishedVideo(videoKey, posterKey, video.Size, clock.ElapsedMilliseconds, vttKey, srtKey);
    }

    /// <summary>Captions are published only where MakeCaptions staged them.</summary>
    private async Task<string?> PublishIfMadeAsync(string staged, string published, string contentType, CancellationToken cancellationToken)
    {
        if (await store.GetInfoAsync(staged, cancellationToken) is not { Size: > 0 })
            return null;
        await store.CopyAsync(staged, published, contentType + "; charset=utf-8", cancellationToken);
        return published;
    }
}
