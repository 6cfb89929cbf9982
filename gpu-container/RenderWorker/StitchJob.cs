using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.RenderEngine;
using Serverless.RenderEngine.Chunking;
using Serverless.RenderWorker.Media;

namespace Serverless.RenderWorker;

/// <summary>The work of one stitch request: download the chunk videos and the original speech, join them, upload the video and poster.</summary>
public sealed class StitchJob(
    ChunkStitcher stitcher,
    MediaDownloader downloader,
    MediaUploader uploader,
    IOptions<RenderEngineOptions> engineOptions,
    IOptions<RenderWorkerOptions> workerOptions,
    IOptions<TransferOptions> transferOptions,
    TimeProvider time,
    ILogger<StitchJob> logger
)
{
    private const int ParallelDownloads = 8;

    /// <summary>Returns the succeeded result; every failure is a <see cref="RenderFailedException"/> or a cancellation.</summary>
    public async Task<RenderResult> RunAsync(StitchRequest request, long deliveryCount, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        using var dir = ScratchDirectory.Create(workerOptions.Value.WorkDir, logger);
        var limits = transferOptions.Value;
        var input = new StitchInput
        {
            Plan = request.Plan,
            ChunkVideoPaths = [.. request.ChunkVideoUrls.Select((_, i) => Path.Combine(dir.Path, $"chunk-{i}.mp4"))],
            AudioPath = Path.Combine(dir.Path, LocalFileName.For(request.AudioUrl, "audio", ".wav")),
            VideoPath = Path.Combine(dir.Path, "video.mp4"),
            PosterPath = Path.Combine(dir.Path, "poster.jpg"),
        };

        var step = Stopwatch.StartNew();
        var audio = downloader.DownloadAsync(request.AudioUrl, input.AudioPath, limits.MaxAudioBytes, cancellationToken);
        // Chunk videos are media inputs like the speech: the same size limit applies to each.
        var chunks = Parallel.ForEachAsync(
            Enumerable.Range(0, request.ChunkVideoUrls.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
            async (i, token) =>
                await downloader.DownloadAsync(request.ChunkVideoUrls[i], input.ChunkVideoPaths[i], limits.MaxAudioBytes, token)
        );
        await Task.WhenAll(audio, chunks);
        var downloadMs = step.ElapsedMilliseconds;

        var work = Directory.CreateDirectory(Path.Combine(dir.Path, "work")).FullName;
        var maxSeconds = request.Options.MaxAudioSeconds ?? engineOptions.Value.MaxAudioSeconds;
        var outcome = await stitcher.StitchAsync(input, work, maxSeconds, cancellationToken);

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

        ChunkingLog.Stitched(
            logger,
            request.JobId,
            request.Plan.Chunks.Count,
            outcome.DurationSec,
            outcome.NotCopiedBecause is { } why ? $"all encoded: {why}" : "bodies copied, cross-fades encoded",
            downloadMs,
            outcome.PrepareMs,
            outcome.StitchMs,
            uploadMs
        );
        return new RenderResult
        {
            InstanceId = request.InstanceId,
            JobId = request.JobId,
            Status = RenderStatus.Succeeded,
            Renderer = request.Options.Renderer,
            DurationSec = outcome.DurationSec,
            Timings = new RenderTimings
            {
                DownloadMs = downloadMs,
                PrepareMs = outcome.PrepareMs,
                RenderMs = outcome.StitchMs,
                UploadMs = uploadMs,
                TotalMs = total.ElapsedMilliseconds,
            },
            DeliveryCount = deliveryCount,
            StitchedChunks = request.Plan.Chunks.Count,
        };
    }
}
