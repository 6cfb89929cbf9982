using Microsoft.Extensions.Logging;
using Serverless.Contracts;

namespace Serverless.RenderWorker;

/// <summary>Structured log events. Never pass presigned URLs or connection strings: redact or scrub first.</summary>
internal static partial class Log
{
    [LoggerMessage(
        1,
        LogLevel.Information,
        "Render worker polling {Queue} with {Concurrency} slot(s), at most {MaxDeliveries} deliveries, visibility {VisibilitySeconds} s"
    )]
    public static partial void WorkerStarted(ILogger logger, string queue, int concurrency, int maxDeliveries, int visibilitySeconds);

    [LoggerMessage(2, LogLevel.Information, "Job {JobId} of {InstanceId} started (delivery {DeliveryCount})")]
    public static partial void Started(ILogger logger, string jobId, string instanceId, long deliveryCount);

    [LoggerMessage(
        3,
        LogLevel.Information,
        "Rendered with {Renderer}: {DurationSec} s of video; download {DownloadMs} ms, prepare {PrepareMs} ms, render {RenderMs} ms, upload {UploadMs} ms, total {TotalMs} ms"
    )]
    public static partial void Rendered(
        ILogger logger,
        Renderer renderer,
        double durationSec,
        long downloadMs,
        long prepareMs,
        long renderMs,
        long uploadMs,
        long totalMs
    );

    [LoggerMessage(
        4,
        LogLevel.Information,
        "Job {JobId} of {InstanceId} succeeded with {Renderer} ({DurationSec} s, {TotalMs} ms, delivery {DeliveryCount})"
    )]
    public static partial void Succeeded(
        ILogger logger,
        string jobId,
        string instanceId,
        Renderer? renderer,
        double? durationSec,
        long totalMs,
        long deliveryCount
    );

    [LoggerMessage(5, LogLevel.Warning, "Job {JobId} of {InstanceId} failed: {ErrorCode}: {ErrorMessage} (delivery {DeliveryCount})")]
    public static partial void Failed(
        ILogger logger,
        string jobId,
        string instanceId,
        string errorCode,
        string errorMessage,
        long deliveryCount
    );

    [LoggerMessage(
        6,
        LogLevel.Warning,
        "Job {JobId} failed transiently ({ErrorCode}: {ErrorMessage}) on delivery {DeliveryCount} of {MaxDeliveries}; it will be retried"
    )]
    public static partial void WillRetry(
        ILogger logger,
        string jobId,
        string errorCode,
        string errorMessage,
        long deliveryCount,
        int maxDeliveries
    );

    [LoggerMessage(
        7,
        LogLevel.Warning,
        "A preferred renderer was not used ({ErrorCode}: {ErrorMessage}); the {Renderer} fallback rendered the video"
    )]
    public static partial void FellBack(ILogger logger, string errorCode, string errorMessage, string renderer);

    [LoggerMessage(8, LogLevel.Error, "Message {MessageId} is not a render request ({Reason}); moved to the poison queue")]
    public static partial void Unreadable(ILogger logger, string messageId, string reason);

    [LoggerMessage(9, LogLevel.Information, "Message {MessageId} released ({Why})")]
    public static partial void Released(ILogger logger, string messageId, string why);

    [LoggerMessage(10, LogLevel.Warning, "Message {MessageId} abandoned: it reappears when its visibility timeout ends")]
    public static partial void Abandoned(ILogger logger, string messageId);

    [LoggerMessage(11, LogLevel.Warning, "Message {MessageId} is no longer ours ({ErrorCode}): another consumer may own it")]
    public static partial void LeaseLost(ILogger logger, string messageId, string? errorCode);

    [LoggerMessage(12, LogLevel.Warning, "Renewing the visibility of message {MessageId} failed: {Reason}")]
    public static partial void RenewFailed(ILogger logger, string messageId, string reason);

    [LoggerMessage(13, LogLevel.Warning, "Receiving render requests failed ({ExceptionType}): {Reason}")]
    public static partial void ReceiveFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(14, LogLevel.Error, "Handling message {MessageId} failed; it reappears after its visibility timeout")]
    public static partial void JobFaulted(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(15, LogLevel.Information, "The queue stayed empty for {IdleSeconds} s: exiting")]
    public static partial void IdleExit(ILogger logger, int idleSeconds);

    [LoggerMessage(16, LogLevel.Information, "Stopping: waiting up to {GraceSeconds} s for {Count} running job(s)")]
    public static partial void Draining(ILogger logger, int count, double graceSeconds);

    [LoggerMessage(17, LogLevel.Warning, "Shutdown grace over: cancelling {Count} job(s) and releasing their messages")]
    public static partial void GraceOver(ILogger logger, int count);

    [LoggerMessage(40, LogLevel.Debug, "All {Concurrency} slot(s) busy: receiving no more until a job ends")]
    public static partial void SlotsBusy(ILogger logger, int concurrency);

    [LoggerMessage(18, LogLevel.Warning, "Queue {Queue} could not be created ({ErrorCode}); expecting it to exist")]
    public static partial void QueueCreateForbidden(ILogger logger, string queue, string? errorCode);

    [LoggerMessage(19, LogLevel.Warning, "Could not delete scratch directory {Directory}: {Reason}")]
    public static partial void CleanupFailed(ILogger logger, string directory, string reason);

    [LoggerMessage(
        30,
        LogLevel.Information,
        "Receiving no more: the replica is stopped before a job of up to {LongestJobSeconds} s could end; exiting after {Count} running job(s)"
    )]
    public static partial void ReplicaTimeNearlyUp(ILogger logger, double longestJobSeconds, int count);

    [LoggerMessage(31, LogLevel.Debug, "Renewed the visibility of message {MessageId} (renewal {Renewals})")]
    public static partial void Renewed(ILogger logger, string messageId, int renewals);

    [LoggerMessage(
        32,
        LogLevel.Warning,
        "Could not {Operation} message {MessageId} ({ExceptionType}: {Reason}); it reappears after its visibility timeout"
    )]
    public static partial void SettleFailed(ILogger logger, string messageId, string operation, string exceptionType, string reason);
}
