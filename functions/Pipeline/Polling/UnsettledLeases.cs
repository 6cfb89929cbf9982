using System.Collections.Concurrent;
using Serverless.Pipeline.Orchestration;

namespace Serverless.Pipeline.Polling;

/// <summary>
/// Leased jobs that have neither an instance nor a report yet, because the durable store and the backend were
/// both out of reach (or the instance lookup never answered). Every tick settles them before it leases again.
/// They live as long as the process; each one's <see cref="ILeaseJournal"/> entry (when it could be written) is what
/// a restarted host finds.
/// </summary>
public sealed class UnsettledLeases
{
    private readonly ConcurrentDictionary<string, (ReportRejectedJobInput Failure, LeaseJournalEntry? Entry)> _jobs = new(
        StringComparer.Ordinal
    );

    public int Count => _jobs.Count;

    public IReadOnlyCollection<(ReportRejectedJobInput Failure, LeaseJournalEntry? Entry)> All => [.. _jobs.Values];

    public void Add(ReportRejectedJobInput failure, LeaseJournalEntry? entry = null) => _jobs[failure.JobId] = (failure, entry);

    public void Remove(string jobId) => _jobs.TryRemove(jobId, out _);
}
