using Serverless.Benchmarks.Pipeline;
using Serverless.TestFixtures;

namespace Serverless.Benchmarks.Measures;

internal static class LatencyRun
{
    /// <summary>
    /// One job at a time, alternating the given kinds. Before each, a random pause of up to one poll interval, so
    /// that the jobs arrive at uniformly spread points of the poll schedule.
    /// </summary>
    public static async Task<IReadOnlyList<JobLatency>> RunAsync(
        DevBackendClient backend,
        IReadOnlyList<BenchJob> kinds,
        int count,
        TimeSpan pollInterval,
        CancellationToken cancellationToken
    )
    {
        var random = new Random(6);
        var results = new List<JobLatency>();
        for (var i = 0; i < count; i++)
        {
            await Task.Delay(pollInterval * random.NextDouble(), cancellationToken);
            var job = kinds[i % kinds.Count];
            var id = await backend.QueueAsync(job.Request, cancellationToken);
            var finished = await backend.WaitForAllAsync([id], TimeSpan.FromMinutes(5), cancellationToken);
            var latency = JobLatency.From(finished[0], job.Kind);
            results.Add(latency);
            Console.WriteLine(
                FormattableString.Invariant(
                    $"  {i + 1}/{count} {job.Kind}: pickup {latency.PickupSeconds:0.00} s, end-to-end {latency.EndToEndSeconds:0.00} s, speech {latency.SpeechSeconds:0.00} s, render {latency.RenderSeconds:0.00} s, overhead {latency.OverheadSeconds:0.00} s"
                )
            );
        }
        return results;
    }
}
