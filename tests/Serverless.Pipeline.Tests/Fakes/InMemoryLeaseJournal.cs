using System.Collections.Concurrent;
using Serverless.Pipeline.Orchestration;
using Serverless.Pipeline.Polling;

namespace Serverless.Pipeline.Tests.Fakes;

/// <summary>A lease journal in memory: entries come due only when a test says so, and a host's death can be played.</summary>
internal sealed class InMemoryLeaseJournal : ILeaseJournal
{
    private readonly ConcurrentDictionary<string, (LeaseJournalEntry Entry, bool Due)> _entries = new();

    /// <summary>Crossing out is lost, as when the host died right after it started or reported the job.</summary>
    public bool LoseForgets { get; set; }

    public IReadOnlyList<LeaseJournalEntry> Entries => [.. _entries.Values.Select(e => e.Entry)];

    /// <summary>Time passes: every entry is due, as after <see cref="QueueLeaseJournal.DueAfter"/>.</summary>
    public void MakeAllDue()
    {
        foreach (var (id, value) in _entries)
            _entries[id] = (value.Entry, true);
    }

    public Task<LeaseJournalEntry?> RecordAsync(ReportRejectedJobInput failure)
    {
        var entry = new LeaseJournalEntry(failure, Guid.NewGuid().ToString("N"), "receipt");
        _entries[entry.MessageId] = (entry, false);
        return Task.FromResult<LeaseJournalEntry?>(entry);
    }

    public Task ForgetAsync(LeaseJournalEntry entry)
    {
        if (!LoseForgets)
            _entries.TryRemove(entry.MessageId, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LeaseJournalEntry>> TakeDueAsync(CancellationToken cancellationToken)
    {
        var due = _entries.Values.Where(e => e.Due).Select(e => e.Entry).ToList();
        foreach (var entry in due)
            _entries[entry.MessageId] = (entry, false);
        return Task.FromResult<IReadOnlyList<LeaseJournalEntry>>(due);
    }
}
