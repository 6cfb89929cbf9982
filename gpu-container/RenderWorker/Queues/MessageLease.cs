using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Serverless.RenderWorker.Queues;

/// <summary>
/// Holds one received message invisible while its job runs: renews the visibility every third of the timeout
/// and keeps the latest pop receipt, then deletes or releases the message. When the message is lost (another
/// consumer took it after a missed renewal) <see cref="Lost"/> is cancelled.
/// </summary>
/// <remarks>
/// A renewal, once sent, always runs to its end: cancelling it halfway could leave the service with a new pop
/// receipt the lease never saw, so the delete after the result was posted would fail and the job would be
/// rendered again. Stopping therefore only cuts the wait between renewals, and settling waits for a renewal in
/// flight. Any failure other than the service saying the message is gone (400/404) is retried at the next
/// renewal; settling and abandoning never throw (the message then reappears after its visibility timeout).
/// </remarks>
public sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly TimeSpan _visibility;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;
    private string _popReceipt;
    private bool _settled;

    public MessageLease(QueueClient queue, string messageId, string popReceipt, TimeSpan visibility, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        MessageId = messageId;
        _popReceipt = popReceipt;
        _visibility = visibility;
        _time = time;
        _logger = logger;
        _renewing = RenewAsync(_stopRenewing.Token);
    }

    public string MessageId { get; }

    /// <summary>Cancelled when the message can no longer be renewed: another consumer owns it now.</summary>
    public CancellationToken Lost => _lost.Token;

    public int Renewals { get; private set; }

    public Task DeleteAsync(CancellationToken cancellationToken) =>
        SettleAsync(r => _queue.DeleteMessageAsync(MessageId, r, cancellationToken), "delete", cancellationToken);

    /// <summary>Makes the message visible again after <paramref name="delay"/> (zero: at once) for another delivery.</summary>
    public Task ReleaseAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        SettleAsync(r => _queue.UpdateMessageAsync(MessageId, r, (string?)null, delay, cancellationToken), "release", cancellationToken);

    /// <summary>Stops renewing without touching the message: it reappears when its visibility timeout ends. Never throws.</summary>
    public async Task AbandonAsync()
    {
        if (!_stopRenewing.IsCancellationRequested)
            await _stopRenewing.CancelAsync();
        await _renewing;
    }

    private async Task SettleAsync(Func<string, Task> operation, string what, CancellationToken cancellationToken)
    {
        await AbandonAsync();
        try
        {
            await _gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            if (_settled || _lost.IsCancellationRequested)
                return;
            await operation(_popReceipt);
            _settled = true;
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 404)
        {
            Log.LeaseLost(_logger, MessageId, ex.ErrorCode);
            await _lost.CancelAsync();
        }
        catch (Exception ex)
        {
            Log.SettleFailed(_logger, MessageId, what, ex.GetType().Name, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        var every = _visibility / 3;
        while (true)
        {
            try
            {
                await Task.Delay(every, _time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await _gate.WaitAsync(CancellationToken.None);
            try
            {
                var receipt = await _queue.UpdateMessageAsync(MessageId, _popReceipt, (string?)null, _visibility, CancellationToken.None);
                _popReceipt = receipt.Value.PopReceipt;
                Renewals++;
                Log.Renewed(_logger, MessageId, Renewals);
            }
            catch (RequestFailedException ex) when (ex.Status is 400 or 404)
            {
                Log.LeaseLost(_logger, MessageId, ex.ErrorCode);
                await _lost.CancelAsync();
                return;
            }
            catch (Exception ex)
            {
                // Network trouble after the SDK's own retries (an AggregateException), throttling, anything:
                // two more chances before the message reappears.
                Log.RenewFailed(_logger, MessageId, $"{ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await AbandonAsync();
        _stopRenewing.Dispose();
        _lost.Dispose();
        _gate.Dispose();
    }
}
