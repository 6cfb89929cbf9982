using Serverless.Pipeline.Orchestration;

namespace Serverless.Pipeline.Polling;

/// <summary>
/// Where a leased job is written down before its instance is started, and crossed out once it is started or
/// reported. A host that stops or dies in between, or that holds the job in <see cref="UnsettledLeases"/> when it
/// stops, leaves the entry behind; it comes due long after a live host would have crossed it out, and the next tick
/// of any host on the same task hub settles it (starts nothing twice: the instance id is the job's).
/// </summary>
public interface ILeaseJournal
{
    /// <summary>Writes the entry; null when it could not be written (logged: the job then lives in memory only).</summary>
    Task<LeaseJournalEntry?> RecordAsync(ReportRejectedJobInput failure);

    /// <summary>Crosses the entry out; one that is already gone is not an error.</summary>
    Task ForgetAsync(LeaseJournalEntry entry);

    /// <summary>Entries that came due, hidden from other ticks while this one settles them.</summary>
    Task<IReadOnlyList<LeaseJournalEntry>> TakeDueAsync(CancellationToken cancellationToken);
}

/// <param name="Failure">The report the job gets if it turns out to have no instance.</param>
public sealed record LeaseJournalEntry(ReportRejectedJobInput Failure, string MessageId, string PopReceipt);
