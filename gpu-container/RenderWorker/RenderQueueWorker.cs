using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.RenderWorker.Queues;

namespace Serverless.RenderWorker;

/// <summary>
/// Polls render-requests and runs up to RENDER_CONCURRENCY jobs at a time, receiving only as many messages as
/// there are free slots. On stop it receives no more, gives running jobs the shutdown grace, then cancels them
/// and releases their messages. Disposed without a stop (a crash), it abandons its messages to their timeouts.
/// Its waits (poll backoff, idle exit, shutdown grace) run on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class RenderQueueWorker(
    RenderQueueClients queues,
    RenderRequestHandler handler,
    ReplicaDeadline deadline,
    IHostApplicationLifetime lifetime,
    IOptions<RenderWorkerOptions> options,
    TimeProvider time,
    ILogger<RenderQueueWorker> logger
) : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly HashSet<Task> _running = [];
    private SemaphoreSlim? _slots;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        await queues.EnsureCreatedAsync(logger, stoppingToken);
        _slots = new SemaphoreSlim(o.Concurrency, o.Concurrency);
        Log.WorkerStarted(logger, queues.Requests.Name, o.Concurrency, o.MaxDeliveries, o.VisibilityTimeoutSeconds);

        var delay = TimeSpan.FromMilliseconds(o.PollIntervalMs);
        var idleSince = time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_slots.CurrentCount == 0)
                Log.SlotsBusy(logger, o.Concurrency);
            try
            {
                await _slots.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (!deadline.HasTimeForAnotherJob)
            {
                _slots.Release();
                await ExitAfterRunningJobsAsync(stoppingToken);
                break;
            }
            var free = 1;
            while (free < 32 && _slots.Wait(0))
                free++;

            QueueMessage[] messages;
            try
            {
                messages = (await queues.Requests.ReceiveMessagesAsync(free, o.VisibilityTimeout, stoppingToken)).Value;
            }
            catch (Exception ex)
            {
                _slots.Release(free);
                if (stoppingToken.IsCancellationRequested)
                    break;
                Log.ReceiveFailed(logger, ex.GetType().Name, ex.Message);
                messages = [];
            }

            if (free > messages.Length)
                _slots.Release(free - messages.Length);
            foreach (var message in messages)
                Start(message);

            if (messages.Length > 0 || RunningCount > 0)
                idleSince = time.GetTimestamp();
            if (messages.Length > 0)
            {
                delay = TimeSpan.FromMilliseconds(o.PollIntervalMs);
                continue;
            }
            if (o.IdleExitSeconds > 0 && time.GetElapsedTime(idleSince) >= TimeSpan.FromSeconds(o.IdleExitSeconds))
            {
                Log.IdleExit(logger, o.IdleExitSeconds);
                lifetime.StopApplication();
                break;
            }
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, o.MaxPollIntervalMs));
        }
    }

    /// <summary>The replica's time is nearly up: finish what runs, then end the execution (the next one takes the queue).</summary>
    private async Task ExitAfterRunningJobsAsync(CancellationToken stoppingToken)
    {
        Task[] running;
        lock (_running)
            running = [.. _running];
        Log.ReplicaTimeNearlyUp(logger, deadline.LongestJob.TotalSeconds, running.Length);
        try
        {
            await Task.WhenAll(running).WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return; // already stopping: StopAsync drains the running jobs
        }
        lifetime.StopApplication();
    }

    private int RunningCount
    {
        get
        {
            lock (_running)
                return _running.Count;
        }
    }

    private void Start(QueueMessage message)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await handler.HandleAsync(message, _abort.Token, _abandon.Token);
            }
            catch (Exception ex)
            {
                // The message was neither answered nor deleted: it reappears after its visibility timeout.
                Log.JobFaulted(logger, message.MessageId, ex);
            }
            finally
            {
                _slots!.Release();
            }
        });
        lock (_running)
            _running.Add(task);
        task.ContinueWith(
            t =>
            {
                lock (_running)
                    _running.Remove(t);
            },
            TaskScheduler.Default
        );
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Task[] running;
        lock (_running)
            running = [.. _running];
        if (running.Length == 0)
            return;

        var grace = options.Value.ShutdownGrace;
        Log.Draining(logger, running.Length, grace.TotalSeconds);
        try
        {
            await Task.WhenAll(running).WaitAsync(grace, time, cancellationToken);
            return;
        }
        catch (TimeoutException) { }

        Log.GraceOver(logger, running.Length);
        await _abort.CancelAsync();
        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abandon.CancelAsync();
        }
    }

    /// <summary>Without a prior stop this is a crash: running jobs stop and leave their messages to reappear.</summary>
    public override void Dispose()
    {
        _abandon.Cancel();
        base.Dispose();
    }
}
