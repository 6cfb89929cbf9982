using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Serverless.RenderWorker.Queues;

namespace Serverless.RenderWorker.Tests.Queues;

/// <summary>The message lease on fake time against a scripted queue service.</summary>
public sealed class MessageLeaseTests
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Every = Visibility / 3;
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedQueueClient _queue = new();

    private MessageLease Lease() => new(_queue, "message-1", _queue.CurrentReceipt, Visibility, _time, NullLogger.Instance);

    /// <summary>Moves the clock a renewal period at a time until <paramref name="done"/> (the loop may not be waiting yet).</summary>
    private Task AdvanceUntilAsync(Func<bool> done, string what) =>
        Eventually.TrueAsync(
            () =>
            {
                if (done())
                    return true;
                _time.Advance(Every);
                return done();
            },
            Soon,
            what
        );

    [Fact(Timeout = 20_000)]
    public async Task Renewals_come_every_third_of_the_visibility_timeout_and_keep_the_latest_pop_receipt()
    {
        await using var lease = Lease();

        _time.Advance(Every - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _queue.UpdateCalls);
        await AdvanceUntilAsync(() => lease.Renewals == 3, "three renewals");
        await lease.DeleteAsync(CancellationToken.None);

        Assert.Equal([_queue.CurrentReceipt], _queue.DeletedWith);
        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [Fact(Timeout = 20_000)]
    public async Task Settling_waits_for_a_renewal_in_flight_and_deletes_with_the_pop_receipt_it_brought()
    {
        _queue.HoldAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var lease = Lease();
        await AdvanceUntilAsync(() => _queue.UpdateCalls == 1, "a renewal in flight");

        var delete = lease.DeleteAsync(CancellationToken.None);
        // A renewal the settle could cancel would be cancelled by now; one it cannot is still waiting.
        await Eventually.TrueAsync(
            () => !_queue.LastUpdateToken.CanBeCanceled || _queue.LastUpdateToken.IsCancellationRequested,
            Soon,
            "the settle to reach the renewal"
        );
        _queue.HoldAnswers.SetResult();
        await delete;

        Assert.Equal(["receipt-1"], _queue.DeletedWith);
        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [Fact(Timeout = 20_000)]
    public async Task Network_failures_after_the_sdk_retries_do_not_stop_the_renewals()
    {
        _queue.UpdateFault = call =>
            call <= 2
                ? new AggregateException(new HttpRequestException("Connection reset"), new HttpRequestException("Connection reset"))
                : null;
        await using var lease = Lease();

        await AdvanceUntilAsync(() => lease.Renewals == 1, "a renewal after two failed ones");

        Assert.Equal(3, _queue.UpdateCalls);
        Assert.False(lease.Lost.IsCancellationRequested);
        await lease.DeleteAsync(CancellationToken.None);
        Assert.Equal([_queue.CurrentReceipt], _queue.DeletedWith);
    }

    [Fact(Timeout = 20_000)]
    public async Task Only_the_service_saying_the_message_is_gone_loses_the_lease()
    {
        _queue.UpdateFault = call =>
            call == 1
                ? new RequestFailedException(503, "Server busy", "ServerBusy", null)
                : new RequestFailedException(404, "Gone", "MessageNotFound", null);
        await using var lease = Lease();

        await AdvanceUntilAsync(() => _queue.UpdateCalls >= 1, "a first renewal");
        Assert.False(lease.Lost.IsCancellationRequested);
        await AdvanceUntilAsync(() => lease.Lost.IsCancellationRequested, "the lease to be lost");

        Assert.Equal(2, _queue.UpdateCalls);
        await lease.DeleteAsync(CancellationToken.None);
        Assert.Empty(_queue.DeletedWith);
    }

    [Fact(Timeout = 20_000)]
    public async Task Abandoning_and_settling_never_throw_whatever_the_renewal_met()
    {
        _queue.UpdateFault = _ => new InvalidOperationException("The SDK threw something nobody expected.");
        await using var lease = Lease();
        await AdvanceUntilAsync(() => _queue.UpdateCalls >= 1, "a failed renewal");

        Assert.Null(await Record.ExceptionAsync(lease.AbandonAsync));
        Assert.Null(await Record.ExceptionAsync(() => lease.ReleaseAsync(TimeSpan.Zero, CancellationToken.None)));
    }
}
