using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Pipeline.Orchestration;

namespace Serverless.Pipeline.Polling;

/// <summary>
/// <see cref="ILeaseJournal"/> on a storage queue of the render queues' account (<c>&lt;taskhub&gt;-leases</c>),
/// which the Functions app and the standalone host both reach. Each entry is a message sent invisible for
/// <see cref="DueAfter"/> and deleted by its receipt once the job is started or reported.
/// </summary>
public sealed class QueueLeaseJournal(QueueServiceClient service, IOptions<PipelineOptions> options, ILogger<QueueLeaseJournal> logger)
    : ILeaseJournal
{
    private const int MaxDuePerTick = 16;
    private int _created;

    /// <summary>Longer than any live host needs from a lease to the job's start or report (backend and start retries).</summary>
    public TimeSpan DueAfter { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long a taken entry stays hidden from other ticks while one settles it.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMinutes(2);

    private QueueClient Queue => service.GetQueueClient($"{options.Value.TaskHubName.ToLowerInvariant()}-leases");

    public async Task<LeaseJournalEntry?> RecordAsync(ReportRejectedJobInput failure)
    {
        try
        {
            await EnsureQueueAsync();
            var receipt = await Queue.SendMessageAsync(
                JsonSerializer.Serialize(failure),
                visibilityTimeout: DueAfter,
                timeToLive: TimeSpan.FromSeconds(-1),
                cancellationToken: CancellationToken.None
            );
            return new LeaseJournalEntry(failure, receipt.Value.MessageId, receipt.Value.PopReceipt);
        }
        catch (Exception ex)
        {
            logger.LogError(
                "Could not write job {JobId} to the lease journal; a stop before it is started or reported loses it: {Error}",
                failure.JobId,
                SecretScrubber.Scrub(ex.Message)
            );
            return null;
        }
    }

    public async Task ForgetAsync(LeaseJournalEntry entry)
    {
        try
        {
            await Queue.DeleteMessageAsync(entry.MessageId, entry.PopReceipt, CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Taken by a tick since (it then finds the job started or reported) or already deleted.
        }
        catch (Exception ex)
        {
            logger.LogWarning(
                "Could not cross job {JobId} out of the lease journal; it will be checked again when it comes due: {Error}",
                entry.Failure.JobId,
                SecretScrubber.Scrub(ex.Message)
            );
        }
    }

    public async Task<IReadOnlyList<LeaseJournalEntry>> TakeDueAsync(CancellationToken cancellationToken)
    {
        await EnsureQueueAsync();
        var messages = await Queue.ReceiveMessagesAsync(MaxDuePerTick, SettleTime, cancellationToken);
        var due = new List<LeaseJournalEntry>();
        foreach (var message in messages.Value)
        {
            ReportRejectedJobInput? failure = null;
            try
            {
                failure = JsonSerializer.Deserialize<ReportRejectedJobInput>(message.Body.ToString());
            }
            catch (JsonException) { }
            if (failure is null)
            {
                logger.LogError("Dropped an unreadable entry {MessageId} of the lease journal", message.MessageId);
                await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                continue;
            }
            due.Add(new LeaseJournalEntry(failure, message.MessageId, message.PopReceipt));
        }
        return due;
    }

    private async Task EnsureQueueAsync()
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await Queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            Volatile.Write(ref _created, 1);
        }
    }
}
