using System.Collections.Concurrent;

namespace Serverless.EndToEnd.Tests.Stack;

/// <summary>
/// Which faults the run injected and which the stack survived (the test asserted the outcome it wanted), plus
/// jobs that are lost by design; it writes the run's one summary line.
/// </summary>
public sealed class FaultLedger
{
    private readonly ConcurrentDictionary<string, bool> _survived = new();
    private readonly ConcurrentDictionary<string, string> _expectedLosses = new();

    /// <summary>Records a fault as injected; call <see cref="Survived"/> once its outcome has been asserted.</summary>
    public string Inject(string fault)
    {
        _survived[fault] = false;
        return fault;
    }

    public void Survived(string fault) => _survived[fault] = true;

    /// <summary>A job the stack cannot finish by design (see README, "Limits worth knowing").</summary>
    public void ExpectLost(string jobId, string why) => _expectedLosses[jobId] = why;

    public string Summary(IReadOnlyList<Job> jobs, int secretsFound, string logDirectory)
    {
        var lost = jobs.Where(j => j.Status is not ("succeeded" or "failed")).Select(j => j.Id).ToList();
        var expected = lost.Where(_expectedLosses.ContainsKey).ToList();
        var why = expected.Count > 0 ? $" ({expected.Count} by design: {string.Join("; ", expected.Select(id => _expectedLosses[id]).Distinct())})" : "";
        var duplicated = jobs.Count(j => j.ReportCount > 1);
        return $"E2E summary: faults injected {_survived.Count}, survived {_survived.Values.Count(s => s)}, "
            + $"jobs lost {lost.Count}{why}; {jobs.Count} jobs, {duplicated} reported more than once, "
            + $"{secretsFound} secrets in the logs ({logDirectory})";
    }
}
