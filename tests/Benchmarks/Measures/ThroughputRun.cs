using Serverless.Benchmarks.Pipeline;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Measures;

internal static class ThroughputRun
{
    /// <summary>Queues <paramref name="count"/> copies of <paramref name="job"/> at once and waits for all of them.</summary>
    public static async Task<ThroughputResult> RunAsync(
        string system,
        DevBackendClient backend,
        BenchJob job,
        int count,
        CancellationToken cancellationToken
    )
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
            ids.Add(await backend.QueueAsync(job.Request, cancellationToken));
        var jobs = await backend.WaitForAllAsync(ids, TimeSpan.FromMinutes(10), cancellationToken);

        var latencies = jobs.Select(j => JobLatency.From(j, job.Kind)).ToList();
        var lastReport = jobs.Max(j => j.FinishedAt!.Value);
        var window = (lastReport - jobs.Min(j => j.LeasedAt!.Value)).TotalSeconds;
        var makespan = (lastReport - jobs.Min(j => j.CreatedAt)).TotalSeconds;
        var result = new ThroughputResult(system, job.Kind, latencies, window, makespan);
        Console.WriteLine(
            FormattableString.Invariant(
                $"  {system}, {count} {job.Kind} jobs: {result.JobsPerMinute:0.0} jobs/min over {window:0.0} s from the first lease ({result.JobsPerMinuteFromQueued:0.0} from queueing)"
            )
        );
        return result;
    }
}
