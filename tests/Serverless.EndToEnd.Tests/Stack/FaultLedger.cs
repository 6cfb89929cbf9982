using System.Collections.Concurrent;

namespace Serverless.EndToEnd.Tests.Stack;

/// <summary>
/// Which faults the run injected and which the stack survived (the test asserted the outcome it wanted); it
/// writes the run's one summary line, which counts the jobs that never ended.
/// </summary>
public sealed class FaultLedger
{
    private readonly ConcurrentDictionary<string, bool> _survived = new();

    /// <summary>Records a fault as injected; call <see cref="Survived"/> once its outcome has been asserted.</summary>
    public string Inject(string fault)
    {
        _survived[fault] = false;
        return fault;
    }

    public void Survived(string fault) => _survived[fault] = true;

    public string Summary(IReadOnlyList<Job> jobs, int secretsFound, string logDirectory)
    {
        var lost = jobs.Count(j => j.Status is not ("succeeded" or "failed"));
        var duplicated = jobs.Count(j => j.ReportCount > 1);
        return $"E2E summary: faults injected {_survived.Count}, survived {_survived.Values.Count(s => s)}, "
            + $"jobs lost {lost}; {jobs.Count} jobs, {duplicated} reported more than once, "
            + $"{secretsFound} secrets in the logs ({logDirectory})";
    }
}
