using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.RenderEngine;
using Serverless.RenderEngine.Chunking;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Media.Mp4;
using Serverless.RenderWorker.Media;

namespace Serverless.RenderWorker;

/// <summary>
/// A render request that may be part of a split job. With <see cref="RenderRequest.Chunking"/> and speech longer
/// than the limit (rendered by SadTalker), it plans instead of rendering: the prepared speech goes to its upload
/// URL and the answer is <see cref="RenderStatus.Planned"/>. A chunk whose video is already uploaded is answered
/// without rendering it again. Everything else is an ordinary <see cref="RenderWork"/>.
/// </summary>
public sealed class ChunkedRenderWork(
    RenderWork render,
    SpeechChunker chunker,
    MediaDownloader downloader,
    MediaUploader uploader,
    IOptions<RenderWorkerOptions> workerOptions,
    IOptions<TransferOptions> transferOptions,
    TimeProvider time,
    ILogger<ChunkedRenderWork> logger
)
{
    /// <summary>Returns the result to send; every failure is a <see cref="RenderFailedException"/> or a cancellation.</summary>
    public async Task<RenderResult> RunAsync(RenderRequest request, long deliveryCount, CancellationToken cancellationToken)
    {
        if (
            request.Chunk is { ExistingVideoUrl: { } existing } chunk
            && await TryReuseAsync(request, chunk, existing, deliveryCount, cancellationToken) is { } reused
        )
            return reused;
        if (
            request.Chunking is { MaxChunkSeconds: > 0 } chunking
            && chunker.RendersWithSadTalker(request.Options)
            && await TryPlanAsync(request, chunking, deliveryCount, cancellationToken) is { } planned
        )
            return planned;
        var result = await render.RunAsync(request, deliveryCount, cancellationToken);
        return request.Chunk is { } c ? result with { ChunkIndex = c.Index, ChunkCount = c.Count } : result;
    }

    /// <summary>The planned result, or null when the speech is short enough to render whole (it is then rendered as usual).</summary>
    private async Task<RenderResult?> TryPlanAsync(
        RenderRequest request,
        ChunkingRequest chunking,
        long deliveryCount,
        CancellationToken cancellationToken
    )
    {
        var clock = Stopwatch.StartNew();
        using var dir = ScratchDirectory.Create(workerOptions.Value.WorkDir, logger);
        var audioPath = Path.Combine(dir.Path, LocalFileName.For(request.AudioUrl, "audio", ".wav"));
        await downloader.DownloadAsync(request.AudioUrl, audioPath, transferOptions.Value.MaxAudioBytes, cancellationToken);
        var downloadMs = clock.ElapsedMilliseconds;

        var speech = await chunker.PlanAsync(audioPath, request.Options, chunking.MaxChunkSeconds, dir.Path, cancellationToken);
        if (speech.Plan is not { } plan)
            return null;
        var prepareMs = clock.ElapsedMilliseconds - downloadMs;

        JobDeadline.ThrowIfPassed(request.Deadline, time, "the prepared speech's upload");
        await uploader.UploadAsync(speech.Audio.Wav16kPath!, chunking.SpeechUploadUrl, RenderMediaTypes.Speech, cancellationToken);
        var longest = plan.Chunks.Max(c => c.EndSample - c.StartSample) / (double)plan.SampleRate;
        ChunkingLog.Planned(
            logger,
            request.JobId,
            plan.DurationSec,
            plan.Chunks.Count,
            Math.Round(longest, 2),
            plan.Chunks.Count(c => c.EndsInPause),
            clock.ElapsedMilliseconds
        );
        return new RenderResult
        {
            InstanceId = request.InstanceId,
            JobId = request.JobId,
            Status = RenderStatus.Planned,
            // Only SadTalker renders are planned: the chunks must be rendered by it too.
            Renderer = Renderer.SadTalker,
            DurationSec = plan.DurationSec,
            Plan = plan,
            Timings = new RenderTimings
            {
                DownloadMs = downloadMs,
                PrepareMs = prepareMs,
                UploadMs = clock.ElapsedMilliseconds - downloadMs - prepareMs,
                TotalMs = clock.ElapsedMilliseconds,
            },
            DeliveryCount = deliveryCount,
        };
    }

    /// <summary>A succeeded result for a chunk video that is already in place and as long as the chunk's audio; null when there is none.</summary>
    private async Task<RenderResult?> TryReuseAsync(
        RenderRequest request,
        RenderChunk chunk,
        Uri existing,
        long deliveryCount,
        CancellationToken cancellationToken
    )
    {
        var clock = Stopwatch.StartNew();
        using var dir = ScratchDirectory.Create(workerOptions.Value.WorkDir, logger);
        var videoPath = Path.Combine(dir.Path, "existing.mp4");
        var audioPath = Path.Combine(dir.Path, "audio.wav");
        try
        {
            await downloader.DownloadAsync(existing, videoPath, transferOptions.Value.MaxAudioBytes, cancellationToken);
        }
        catch (RenderFailedException ex) when (ex.Error.Code == RenderErrorCode.DownloadFailed)
        {
            return null; // Not rendered yet (404), or not readable: render it.
        }
        if (await Mp4Inspector.TryInspectAsync(videoPath, cancellationToken) is not { Info: { Video: not null, Audio: not null } info })
            return null;

        await downloader.DownloadAsync(request.AudioUrl, audioPath, transferOptions.Value.MaxAudioBytes, cancellationToken);
        double audioSeconds;
        try
        {
            var wav = Pcm16Wav.Read(audioPath);
            audioSeconds = wav.Samples / (double)wav.SampleRate;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        if (info.DurationSec is not { } seconds || Math.Abs(seconds - audioSeconds) > OutputVerifier.DurationTolerance)
            return null;

        ChunkingLog.ChunkReused(logger, request.JobId, chunk.Index, chunk.Count, Math.Round(seconds, 3));
        return new RenderResult
        {
            InstanceId = request.InstanceId,
            JobId = request.JobId,
            Status = RenderStatus.Succeeded,
            Renderer = request.Options.Renderer,
            DurationSec = seconds,
            Timings = new RenderTimings { DownloadMs = clock.ElapsedMilliseconds, TotalMs = clock.ElapsedMilliseconds },
            DeliveryCount = deliveryCount,
            ChunkIndex = chunk.Index,
            ChunkCount = chunk.Count,
        };
    }
}
