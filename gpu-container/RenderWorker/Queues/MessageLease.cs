using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Serverless.RenderWorker.Queues;

/// <summary>
/// Holds one received message invisible while its job runs: renews the visibility every third of the timeout
/// and keeps the latest pop receipt, then deletes or releases the message. When the message is lost (another
/// consumer took it after a missed renewal) <see cref="Lost"/> is cancelled.
/// </summary>
public sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly TimeSpan _visibility;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;
    private string _popReceipt;
    private bool _settled;

    public MessageLease(QueueClient queue, string messageId, string popReceipt, TimeSpan visibility, ILogger logger)
    {
        _queue = queue;
        MessageId = messageId;
        _popReceipt = popReceipt;
        _visibility = visibility;
        _logger = logger;
        _renewing = RenewAsync(_stopRenewing.Token);
    }

    public string MessageId { get; }

    /// <summary>Cancelled when the message can no longer be renewed: another consumer owns it now.</summary>
    public CancellationToken Lost => _lost.Token;

    public int Renewals { get; private set; }

    public Task DeleteAsync(CancellationToken cancellationToken) =>
        SettleAsync(r => _queue.DeleteMessageAsync(MessageId, r, cancellationToken), cancellationToken);

    /// <summary>Makes the message visible again after <paramref name="delay"/> (zero: at once) for another delivery.</summary>
    public Task ReleaseAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        SettleAsync(r => _queue.UpdateMessageAsync(MessageId, r, (string?)null, delay, cancellationToken), cancellationToken);

    /// <summary>Stops renewing without touching the message: it reappears when its visibility timeout ends.</summary>
    public async Task AbandonAsync()
    {
        await _stopRenewing.CancelAsync();
        await _renewing;
    }

    private async Task SettleAsync(Func<string, Task> operation, CancellationToken cancellationToken)
    {
        await AbandonAsync();
        await _gate.WaitAsync(cancellationToken);
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
        finally
        {
            _gate.Release();
        }
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        var every = _visibility / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, stop);
                await _gate.WaitAsync(stop);
                try
                {
                    var receipt = await _queue.UpdateMessageAsync(MessageId, _popReceipt, (string?)null, _visibility, stop);
                    _popReceipt = receipt.Value.PopReceipt;
                    Renewals++;
                }
                catch (RequestFailedException ex) when (ex.Status is 400 or 404)
                {
                    Log.LeaseLost(_logger, MessageId, ex.ErrorCode);
                    await _lost.CancelAsync();
                    return;
                }
                catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException)
                {
                    // Transient: two more chances before the message reappears.
                    Log.RenewFailed(_logger, MessageId, ex.Message);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    public async ValueTask DisposeAsync()
    {
        await AbandonAsync();
        _stopRenewing.Dispose();
        _lost.Dispose();
        _gate.Dispose();
    }
}
