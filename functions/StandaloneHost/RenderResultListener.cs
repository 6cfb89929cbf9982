using Azure.Storage.Queues.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Pipeline.Polling;
using Serverless.Pipeline.Queues;

namespace Serverless.StandaloneHost;

/// <summary>
/// The standalone stand-in for the RenderResultRelay queue trigger. Idle, it polls every 100 ms backing off to
/// 250 ms (host.json's <c>maxPollingInterval</c> for the Functions trigger): a result waiting on the queue is
/// time added to every job, and an Azure Storage queue cannot be long-polled.
/// </summary>
internal sealed class RenderResultListener(
    PipelineRenderQueues queues,
    RenderResultRelay relay,
    DurableTaskClient durable,
    ILogger<RenderResultListener> logger
) : BackgroundService
{
    private static readonly TimeSpan s_idleDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxIdleDelay = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.Results;
        var idle = s_idleDelay;
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true; // once: every poll would otherwise cost a second request
                }
                messages = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30), stoppingToken)).Value;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Could not read the render-results queue: {Error}", ex.Message);
                messages = [];
            }

            foreach (var message in messages)
            {
                try
                {
                    await relay.RelayAsync(durable, message.MessageText, stoppingToken);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Left on the queue: it reappears after the visibility timeout, like a failed queue trigger.
                    logger.LogWarning("Could not relay a render result, will retry: {Error}", ex.Message);
                }
            }

            idle = messages.Length > 0 ? s_idleDelay : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, s_maxIdleDelay.Ticks));
            if (messages.Length == 0)
                await Task.Delay(idle, stoppingToken);
        }
    }
}
