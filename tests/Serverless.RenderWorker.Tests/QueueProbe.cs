using Azure.Storage.Queues;
using Serverless.Contracts;
using Serverless.TestFixtures;

namespace Serverless.RenderWorker.Tests;

/// <summary>Reads the worker's queues the way the pipeline side would.</summary>
public static class QueueProbe
{
    /// <summary>Waits until <paramref name="count"/> results were posted, taking them off the queue.</summary>
    public static async Task<List<RenderResult>> TakeResultsAsync(
        this QueueClient results,
        int count,
        TimeSpan timeout,
        List<RenderResult>? into = null
    )
    {
        var taken = into ?? [];
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var message in (await results.ReceiveMessagesAsync(32)).Value)
                {
                    taken.Add(RenderQueueJson.Deserialize<RenderResult>(message.Body.ToString()));
                    await results.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                return taken.Count >= count;
            },
            timeout,
            $"{count} render result(s)"
        );
        return taken;
    }

    public static async Task<RenderResult> TakeResultAsync(this QueueClient results, TimeSpan timeout) =>
        (await results.TakeResultsAsync(1, timeout)).Single();

    /// <summary>Messages in the queue, invisible ones included.</summary>
    public static async Task<int> CountAsync(this QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    /// <summary>Messages a consumer could receive right now.</summary>
    public static async Task<int> VisibleCountAsync(this QueueClient queue) => (await queue.PeekMessagesAsync(32)).Value.Length;
}
