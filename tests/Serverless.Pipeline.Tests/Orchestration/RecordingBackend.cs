using System.Collections.Concurrent;
using Serverless.Pipeline.Backend;

namespace Serverless.Pipeline.Tests.Orchestration;

/// <summary>An in-memory backend for orchestration tests: scripted leases, recorded reports, scripted report outages.</summary>
internal sealed class RecordingBackend : IBackendClient
{
    private readonly ConcurrentQueue<Func<LeaseResult>> _leases = new();
    private int _reportFailuresLeft;
    private int _reportRefusalsLeft;

    public ConcurrentQueue<(string JobId, JobReport Report)> Reports { get; } = new();
    public int ReportAttempts;
    public int LeaseCalls;

    /// <summary>Runs as each lease is granted, e.g. to shut the poller down right after it.</summary>
    public Action? OnLease { get; set; }

    public void Enqueue(LeaseResult lease) => _leases.Enqueue(() => lease);

    public void EnqueueFailure(Exception error) => _leases.Enqueue(() => throw error);

    /// <summary>The next <paramref name="count"/> reports fail as if the backend answered 500.</summary>
    public void FailNextReports(int count) => _reportFailuresLeft = count;

    /// <summary>The next <paramref name="count"/> reports are refused for good, as the backend's 404 "Job not found".</summary>
    public void RefuseNextReports(int count) => _reportRefusalsLeft = count;

    public Task<LeaseResult> LeaseAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref LeaseCalls);
        var lease = _leases.TryDequeue(out var next) ? next() : new LeaseResult.Empty();
        if (lease is not LeaseResult.Empty)
            OnLease?.Invoke();
        return Task.FromResult(lease);
    }

    public Task ReportAsync(string jobId, JobReport report, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref ReportAttempts);
        if (Interlocked.Decrement(ref _reportRefusalsLeft) >= 0)
            throw new PermanentFailureException($"The backend refused the report of job {jobId}: HTTP 404 Job not found");
        if (Interlocked.Decrement(ref _reportFailuresLeft) >= 0)
            throw new BackendUnavailableException("backend answered 500");
        Reports.Enqueue((jobId, report));
        return Task.CompletedTask;
    }

    public IReadOnlyList<JobReport> ReportsFor(string jobId) => [.. Reports.Where(r => r.JobId == jobId).Select(r => r.Report)];
}
