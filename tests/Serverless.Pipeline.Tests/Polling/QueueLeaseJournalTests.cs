using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Orchestration;
using Serverless.Pipeline.Polling;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Polling;

/// <summary>The lease journal on a real storage queue (Azurite): entries come due late, hide while taken, go when crossed out.</summary>
public sealed class QueueLeaseJournalTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private QueueLeaseJournal Journal(string taskHub) =>
        new(
            new QueueServiceClient(azurite.ConnectionString),
            Options.Create(new PipelineOptions { TaskHubName = taskHub }),
            NullLogger<QueueLeaseJournal>.Instance
        )
        {
            DueAfter = TimeSpan.FromSeconds(1),
            SettleTime = TimeSpan.FromSeconds(30),
        };

    private static ReportRejectedJobInput Failure(string jobId) =>
        new(jobId, "the job could not be scheduled.", new PipelineOptions().ToJobSettings(), "internal_error");

    [Fact(Timeout = 60_000)]
    public async Task An_entry_comes_due_only_after_its_delay_is_hidden_while_taken_and_gone_once_crossed_out()
    {
        var taskHub = "hub" + Guid.NewGuid().ToString("N")[..8];
        var journal = Journal(taskHub);
        var kept = await journal.RecordAsync(Failure("0123456789abcdef01234567"));
        var crossedOut = await journal.RecordAsync(Failure("76543210fedcba9876543210"));
        Assert.NotNull(kept);
        Assert.NotNull(crossedOut);

        Assert.Empty(await journal.TakeDueAsync(default));
        await journal.ForgetAsync(crossedOut);
        var due = await Eventually.ValueAsync(
            async () => await journal.TakeDueAsync(default) is { Count: > 0 } entries ? entries : null,
            TimeSpan.FromSeconds(20),
            "the entry to come due"
        );

        var entry = Assert.Single(due);
        Assert.Equal(kept.Failure, entry.Failure);
        Assert.Empty(await journal.TakeDueAsync(default));
        await journal.ForgetAsync(entry);
        Assert.Equal(
            0,
            (await new QueueServiceClient(azurite.ConnectionString).GetQueueClient($"{taskHub}-leases").GetPropertiesAsync())
                .Value
                .ApproximateMessagesCount
        );
    }

    [Fact(Timeout = 60_000)]
    public async Task Journals_of_different_task_hubs_do_not_see_each_others_entries()
    {
        var mine = Journal("hub" + Guid.NewGuid().ToString("N")[..8]);
        var theirs = Journal("hub" + Guid.NewGuid().ToString("N")[..8]);
        await theirs.RecordAsync(Failure("0123456789abcdef01234567"));
        var own = await mine.RecordAsync(Failure("76543210fedcba9876543210"));

        var due = await Eventually.ValueAsync(
            async () => await mine.TakeDueAsync(default) is { Count: > 0 } entries ? entries : null,
            TimeSpan.FromSeconds(20),
            "my entry to come due"
        );

        Assert.Equal(own!.Failure.JobId, Assert.Single(due).Failure.JobId);
    }
}
