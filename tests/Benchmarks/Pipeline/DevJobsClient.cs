using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Serverless.Benchmarks.Pipeline;

/// <summary>The dev backend's UI side: queue jobs and read them back.</summary>
internal sealed class DevJobsClient(HttpClient http)
{
    public async Task<string> QueueAsync(BenchJob job, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/dev/jobs", job, cancellationToken);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<Created>(cancellationToken);
        return created?.Id ?? throw new InvalidOperationException("The dev backend returned no job id.");
    }

    /// <summary>
    /// Waits until every job has ended (succeeded or failed); throws if that takes longer than <paramref name="timeout"/>.
    /// One request for all the jobs every half second: the measured times are the backend's own timestamps, so
    /// polling faster would only take CPU from the system under test.
    /// </summary>
    public async Task<IReadOnlyList<DevJob>> WaitForAllAsync(IReadOnlyList<string> ids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var wanted = ids.ToHashSet();
        var finished = new Dictionary<string, DevJob>();
        while (true)
        {
            var all = await http.GetFromJsonAsync<List<DevJob>>("/api/dev/jobs", limit.Token) ?? [];
            foreach (var job in all.Where(j => j.IsFinished && wanted.Contains(j.Id)))
                finished[job.Id] = job;
            if (finished.Count == ids.Count)
                return [.. ids.Select(id => finished[id])];
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{ids.Count - finished.Count} of {ids.Count} job(s) did not finish within {timeout}.");
            }
        }
    }

    private sealed record Created([property: JsonPropertyName("id")] string Id);
}
