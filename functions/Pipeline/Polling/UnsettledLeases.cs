using System.Collections.Concurrent;
using Serverless.Pipeline.Orchestration;

namespace Serverless.Pipeline.Polling;

/// <summary>
/// Leased jobs that have neither an instance nor a report yet, because the durable store and the backend were
/// both out of reach (or the instance lookup never answered). Every tick settles them before it leases again.
/// They live as long as the process: this is the last resort after durable starts and direct reports failed.
/// </summary>
public sealed class UnsettledLeases
{
    private readonly ConcurrentDictionary<string, ReportRejectedJobInput> _jobs = new(StringComparer.Ordinal);

    public int Count => _jobs.Count;

    public IReadOnlyCollection<ReportRejectedJobInput> All => [.. _jobs.Values];

    public void Add(ReportRejectedJobInput failure) => _jobs[failure.JobId] = failure;

    public void Remove(string jobId) => _jobs.TryRemove(jobId, out _);
}
