using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.RenderEngine;
using Serverless.RenderEngine.Animator;
using Serverless.RenderWorker.Media;

namespace Serverless.RenderWorker;

/// <summary>The work of one valid request: download the inputs, render in a scratch directory, upload the outputs.</summary>
public sealed class RenderWork(
    MediaDownloader downloader,
    MediaUploader uploader,
    IVideoRenderer renderer,
    IOptions<RenderWorkerOptions> workerOptions,
    IOptions<TransferOptions> transferOptions,
    TimeProvider time,
    ILogger<RenderWork> logger
)
{
    /// <summary>Returns the succeeded result; every failure is a <see cref="RenderFailedException"/> or a cancellation.</summary>
    public async Task<RenderResult> RunAsync(RenderRequest request, long deliveryCount, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        using var scratch = ScratchDirectory.Create(workerOptions.Value.WorkDir, logger);
        var dir = scratch.Path;
        var limits = transferOptions.Value;
        var input = new RenderInput
        {
            ImagePath = Path.Combine(dir, LocalFileName.For(request.ImageUrl, "image", ".png")),
            AudioPath = Path.Combine(dir, LocalFileName.For(request.AudioUrl, "audio", ".wav")),
            VideoPath = Path.Combine(dir, "video.mp4"),
            PosterPath = Path.Combine(dir, "poster.jpg"),
            Options = request.Options,
            Renderer = RendererChoice.Auto,
            ScratchDir = dir,
            ForStitch = request.Chunk is not null,
            Seed = JobSeed.Of(request.JobId),
        };
        input = input with { Renderer = RequestedRenderer.Of(request.Options) };

        var step = Stopwatch.StartNew();
        await Task.WhenAll(
            downloader.DownloadAsync(request.ImageUrl, input.ImagePath, limits.MaxImageBytes, cancellationToken),
            downloader.DownloadAsync(request.AudioUrl, input.AudioPath, limits.MaxAudioBytes, cancellationToken)
        );
        if (request.CaptionsUrl is { } captionsUrl && request.Chunk is null)
            input = input with { Captions = await CaptionsAsync(captionsUrl, dir, cancellationToken) };
        var downloadMs = step.ElapsedMilliseconds;

        var outcome = await renderer.RenderAsync(input, cancellationToken);
        if (outcome.FallbackReason is { } fallbackReason)
            Log.FellBack(logger, fallbackReason.Code.ToWireName(), fallbackReason.Message, outcome.Renderer.ToWireName());

        // The orchestration stops waiting at the deadline and then cleans work/<jobId>/ up: a render that
        // outlived it must not write there again.
        JobDeadline.ThrowIfPassed(request.Deadline, time, "the upload");

        step.Restart();
        var uploads = new List<Task>
        {
            uploader.UploadAsync(input.VideoPath, request.VideoUploadUrl, RenderMediaTypes.Video, cancellationToken),
        };
        if (request.PosterUploadUrl is { } posterUrl)
            uploads.Add(uploader.UploadAsync(input.PosterPath, posterUrl, RenderMediaTypes.Poster, cancellationToken));
        await Task.WhenAll(uploads);
        var uploadMs = step.ElapsedMilliseconds;

        var timings = new RenderTimings
        {
            DownloadMs = downloadMs,
            PrepareMs = outcome.PrepareMs,
            RenderMs = outcome.RenderMs,
            UploadMs = uploadMs,
            TotalMs = total.ElapsedMilliseconds,
        };
        Log.Rendered(
            logger,
            outcome.Renderer,
            outcome.DurationSec,
            downloadMs,
            outcome.PrepareMs,
            outcome.RenderMs,
            uploadMs,
            timings.TotalMs
        );
        return new RenderResult
        {
            InstanceId = request.InstanceId,
            JobId = request.JobId,
            Status = RenderStatus.Succeeded,
            Renderer = outcome.Renderer,
            DurationSec = outcome.DurationSec,
            Timings = timings,
            DeliveryCount = deliveryCount,
            FallbackReason = outcome.FallbackReason,
        };
    }

    /// <summary>The cues to burn in: a WebVTT file read through its presigned URL (a few KB; capped at 8 MB).</summary>
    private async Task<IReadOnlyList<Serverless.Captions.CaptionCue>> CaptionsAsync(
        Uri url,
        string dir,
        CancellationToken cancellationToken
    )
    {
        var path = Path.Combine(dir, "captions.vtt");
        await downloader.DownloadAsync(url, path, 8 * 1024 * 1024, cancellationToken);
        try
        {
            return Serverless.Captions.WebVttParser.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        }
        catch (FormatException ex)
        {
            throw new RenderFailedException(
                new RenderError { Code = RenderErrorCode.BadInput, Message = $"The captions are not valid WebVTT: {ex.Message}" }
            );
        }
    }
}
