using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.RenderEngine;
using Serverless.RenderWorker.Queues;

namespace Serverless.RenderWorker;

/// <summary>
/// Handles one received render-requests message from receipt to deletion: every request ends in exactly one
/// result on render-results (or, unreadable, in its ids and the reason on the poison queue), except a transient
/// failure before the last allowed delivery, which releases the message for another try.
/// </summary>
public sealed class RenderRequestHandler(
    RenderQueueClients queues,
    ChunkedRenderWork job,
    StitchJob stitchJob,
    IOptions<RenderWorkerOptions> options,
    TimeProvider time,
    ILogger<RenderRequestHandler> logger
)
{
    /// <param name="abort">Shutdown grace is over: cancel the job and make the message visible again at once.</param>
    /// <param name="abandon">The worker is going away abruptly: stop without touching the message.</param>
    public async Task HandleAsync(QueueMessage message, CancellationToken abort, CancellationToken abandon)
    {
        var o = options.Value;
        using var scope = logger.BeginScope(
            new Dictionary<string, object> { ["messageId"] = message.MessageId, ["deliveryCount"] = message.DequeueCount }
        );
        await using var lease = new MessageLease(queues.Requests, message.MessageId, message.PopReceipt, o.VisibilityTimeout, time, logger);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(abort, abandon, lease.Lost);
        try
        {
            var disposition = await DecideAsync(message, work.Token);
            await SettleAsync(disposition, message, lease, work.Token);
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
        {
            if (abandon.IsCancellationRequested || lease.Lost.IsCancellationRequested)
            {
                Log.Abandoned(logger, message.MessageId);
                await lease.AbandonAsync();
                return;
            }
            Log.Released(logger, message.MessageId, "shutdown");
            await lease.ReleaseAsync(TimeSpan.Zero, CancellationToken.None);
        }
    }

    private async Task<Disposition> DecideAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var deliveries = message.DequeueCount;
        switch (RenderRequestParser.Parse(message.Body.ToString()))
        {
            case ParsedMessage.Unreadable unreadable:
                Log.Unreadable(logger, message.MessageId, unreadable.Reason);
                return new Disposition.Poison(unreadable.Reason);
            case ParsedMessage.Answerable malformed:
                return Answer(malformed.InstanceId, malformed.JobId, RenderErrorCode.MalformedRequest, malformed.Reason, deliveries);
            case ParsedMessage.Valid { Request: var request }:
                return await WorkAsync(
                    request.InstanceId,
                    request.JobId,
                    request.Deadline,
                    deliveries,
                    ct => job.RunAsync(request, deliveries, ct),
                    answer => ChunkEcho.Stamp(answer, request),
                    cancellationToken
                );
            case ParsedMessage.ValidStitch { Request: var stitch }:
                return await WorkAsync(
                    stitch.InstanceId,
                    stitch.JobId,
                    stitch.Deadline,
                    deliveries,
                    ct => stitchJob.RunAsync(stitch, deliveries, ct),
                    answer => ChunkEcho.Stamp(answer, stitch),
                    cancellationToken
                );
            default:
                throw new InvalidOperationException("Unknown parse outcome.");
        }
    }

    /// <summary>One valid request, a render or a stitch: refused, or worked on; its answer carries its chunk fields.</summary>
    private async Task<Disposition> WorkAsync(
        string instanceId,
        string jobId,
        DateTimeOffset deadline,
        long deliveries,
        Func<CancellationToken, Task<RenderResult>> run,
        Func<Disposition, Disposition> stamp,
        CancellationToken cancellationToken
    )
    {
        using (logger.BeginScope(new Dictionary<string, object> { ["jobId"] = jobId, ["instanceId"] = instanceId }))
        {
            if (Refusal(instanceId, jobId, deadline, deliveries) is { } refused)
                return stamp(refused);
            Log.Started(logger, jobId, instanceId, deliveries);
            using var jobDeadline = new JobDeadline(deadline, time);
            return stamp(await RenderAsync(instanceId, jobId, run, deliveries, jobDeadline, cancellationToken));
        }
    }

    /// <summary>The answer to a request that must not be worked on any more (delivered too often, or past its deadline).</summary>
    private Disposition.Answer? Refusal(string instanceId, string jobId, DateTimeOffset deadline, long deliveries)
    {
        var max = options.Value.MaxDeliveries;
        if (deliveries > max)
            return Answer(
                instanceId,
                jobId,
                RenderErrorCode.TooManyDeliveries,
                $"Delivered {deliveries} times; the limit is {max} (earlier attempts crashed or timed out).",
                deliveries
            );
        if (deadline <= time.GetUtcNow())
            return Answer(instanceId, jobId, RenderErrorCode.DeadlineExceeded, $"The deadline {deadline:O} has passed.", deliveries);
        return null;
    }

    /// <summary>Runs the job until it ends or its deadline passes; a failure is answered, or released for another try when transient.</summary>
    private async Task<Disposition> RenderAsync(
        string instanceId,
        string jobId,
        Func<CancellationToken, Task<RenderResult>> run,
        long deliveries,
        JobDeadline deadline,
        CancellationToken cancellationToken
    )
    {
        RenderError error;
        // Every step of the job (tool runs, transfers) ends at the deadline.
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return new Disposition.Answer(await run(work.Token));
        }
        catch (RenderFailedException ex)
        {
            error = ex.Error;
        }
        catch (OperationCanceledException) when (deadline.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            error = deadline.Exceeded().Error;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = new RenderError { Code = RenderErrorCode.Crash, Message = SecretScrubber.Scrub($"{ex.GetType().Name}: {ex.Message}") };
        }

        if (error.IsTransient && deliveries < options.Value.MaxDeliveries)
        {
            Log.WillRetry(logger, jobId, error.Code.ToWireName(), error.Message, deliveries, options.Value.MaxDeliveries);
            return new Disposition.Retry(TimeSpan.FromSeconds(options.Value.RetryDelaySeconds));
        }
        return new Disposition.Answer(RenderResult.Failed(instanceId, jobId, error, deliveries));
    }

    private async Task SettleAsync(Disposition disposition, QueueMessage message, MessageLease lease, CancellationToken cancellationToken)
    {
        switch (disposition)
        {
            case Disposition.Answer { Result: var result }:
                await queues.Results.SendMessageAsync(RenderQueueJson.Serialize(result), cancellationToken);
                if (result.Error is { } error)
                    Log.Failed(logger, result.JobId, result.InstanceId, error.Code.ToWireName(), error.Message, result.DeliveryCount);
                else if (result.Status == RenderStatus.Planned)
                    ChunkingLog.AnsweredPlanned(
                        logger,
                        result.JobId,
                        result.InstanceId,
                        result.Plan?.Chunks.Count ?? 0,
                        result.DeliveryCount
                    );
                else
                    Log.Succeeded(
                        logger,
                        result.JobId,
                        result.InstanceId,
                        result.Renderer,
                        result.DurationSec,
                        result.Timings.TotalMs,
                        result.DeliveryCount
                    );
                await lease.DeleteAsync(CancellationToken.None);
                break;
            case Disposition.Poison { Reason: var reason }:
                var poison = PoisonRecord.Of(message.MessageId, message.InsertedOn, message.DequeueCount, message.Body.ToString(), reason);
                await queues.Poison.SendMessageAsync(RenderQueueJson.Serialize(poison), cancellationToken);
                await lease.DeleteAsync(CancellationToken.None);
                break;
            case Disposition.Retry { Delay: var delay }:
                Log.Released(logger, message.MessageId, "transient failure");
                await lease.ReleaseAsync(delay, CancellationToken.None);
                break;
        }
    }

    private static Disposition.Answer Answer(string instanceId, string jobId, RenderErrorCode code, string message, long deliveries) =>
        new(RenderResult.Failed(instanceId, jobId, new RenderError { Code = code, Message = message }, deliveries));

    internal abstract record Disposition
    {
        public sealed record Answer(RenderResult Result) : Disposition;

        public sealed record Retry(TimeSpan Delay) : Disposition;

        /// <summary>Unreadable: its ids and <paramref name="Reason"/> go to the poison queue, never its body.</summary>
        public sealed record Poison(string Reason) : Disposition;
    }
}
