using Microsoft.Extensions.Logging;

namespace Serverless.RenderWorker;

/// <summary>Structured log events of planned, chunk and stitch requests. Never pass presigned URLs.</summary>
internal static partial class ChunkingLog
{
    [LoggerMessage(
        101,
        LogLevel.Information,
        "Job {JobId}: {DurationSec} s of speech planned as {Chunks} chunks of at most {LongestSec} s ({PauseCuts} cut in pauses) in {ElapsedMs} ms"
    )]
    public static partial void Planned(
        ILogger logger,
        string jobId,
        double durationSec,
        int chunks,
        double longestSec,
        int pauseCuts,
        long elapsedMs
    );

    [LoggerMessage(
        102,
        LogLevel.Information,
        "Job {JobId}: chunk {ChunkIndex} of {ChunkCount} was already rendered ({DurationSec} s); not rendering it again"
    )]
    public static partial void ChunkReused(ILogger logger, string jobId, int chunkIndex, int chunkCount, double durationSec);

    [LoggerMessage(
        103,
        LogLevel.Information,
        "Job {JobId}: stitched {Chunks} chunks into {DurationSec} s; download {DownloadMs} ms, prepare {PrepareMs} ms, stitch {StitchMs} ms, upload {UploadMs} ms"
    )]
    public static partial void Stitched(
        ILogger logger,
        string jobId,
        int chunks,
        double durationSec,
        long downloadMs,
        long prepareMs,
        long stitchMs,
        long uploadMs
    );

    [LoggerMessage(
        104,
        LogLevel.Information,
        "Job {JobId} of {InstanceId} answered with a plan of {Chunks} chunks (delivery {DeliveryCount})"
    )]
    public static partial void AnsweredPlanned(ILogger logger, string jobId, string instanceId, int chunks, long deliveryCount);
}
