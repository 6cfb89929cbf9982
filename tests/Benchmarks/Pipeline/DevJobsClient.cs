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

    public async Task<DevJob> GetAsync(string id, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<DevJob>($"/api/dev/jobs/{id}", cancellationToken)
        ?? throw new InvalidOperationException($"Job {id} is gone.");

    /// <summary>Waits until every job has ended (succeeded or failed); throws if that takes longer than <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<DevJob>> WaitForAllAsync(IReadOnlyList<string> ids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var finished = new Dictionary<string, DevJob>();
        while (true)
        {
            foreach (var id in ids.Where(id => !finished.ContainsKey(id)))
            {
                var job = await GetAsync(id, limit.Token);
                if (job.IsFinished)
                    finished[id] = job;
            }
            if (finished.Count == ids.Count)
                return [.. ids.Select(id => finished[id])];
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{ids.Count - finished.Count} of {ids.Count} job(s) did not finish within {timeout}.");
            }
        }
    }

    private sealed record Created([property: JsonPropertyName("id")] string Id);
}
