using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Serverless.RenderWorker.Tests.Queues;

/// <summary>
/// One message's side of the queue service, for faults Azurite cannot produce: a renewal still in flight when
/// the job settles, network failures after the SDK's retries. Like the service, it applies an update as soon as
/// it arrives (a new pop receipt) even when the client stops waiting for the answer, and refuses a stale receipt.
/// </summary>
internal sealed class ScriptedQueueClient : QueueClient
{
    private int _receipt;
    private int _updateCalls;

    public string CurrentReceipt => $"receipt-{Volatile.Read(ref _receipt)}";

    /// <summary>By call number (from 1): a fault to throw instead of applying the update.</summary>
    public Func<int, Exception?> UpdateFault { get; set; } = _ => null;

    /// <summary>When set, applied updates answer only once this completes.</summary>
    public TaskCompletionSource? HoldAnswers { get; set; }

    public int UpdateCalls => Volatile.Read(ref _updateCalls);

    public CancellationToken LastUpdateToken { get; private set; }

    public ConcurrentQueue<string> DeletedWith { get; } = new();

    public override string Name => "render-requests";

    public override async Task<Response<UpdateReceipt>> UpdateMessageAsync(
        string messageId,
        string popReceipt,
        string? messageText = null,
        TimeSpan visibilityTimeout = default,
        CancellationToken cancellationToken = default
    )
    {
        LastUpdateToken = cancellationToken;
        var call = Interlocked.Increment(ref _updateCalls);
        if (UpdateFault(call) is { } fault)
            throw fault;
        RefuseStale(popReceipt);
        var applied = $"receipt-{Interlocked.Increment(ref _receipt)}";
        if (HoldAnswers is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
        }
        return Response.FromValue(
            QueuesModelFactory.UpdateReceipt(applied, DateTimeOffset.UtcNow + visibilityTimeout),
            new StubResponse(204)
        );
    }

    public override Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        RefuseStale(popReceipt);
        DeletedWith.Enqueue(popReceipt);
        return Task.FromResult<Response>(new StubResponse(204));
    }

    private void RefuseStale(string popReceipt)
    {
        if (popReceipt != CurrentReceipt)
            throw new RequestFailedException(404, "The specified message does not exist.", "MessageNotFound", null);
    }
}
