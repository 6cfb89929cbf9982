using System.Net.Http.Json;
using System.Text.Json;
using Serverless.DevBackend;

namespace Serverless.TestFixtures;

/// <summary>
/// The dev backend's own API (what the web app's UI does): upload inputs, queue jobs, read them, inject faults.
/// One client for the end-to-end tests and the benchmarks; it owns (and disposes) the HttpClient it is given.
/// </summary>
public sealed class DevBackendClient(HttpClient http) : IDisposable
{
    private static readonly string[] s_ended = ["succeeded", "failed"];

    public DevBackendClient(Uri baseUrl)
        : this(new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) }) { }

    public Uri BaseUrl => http.BaseAddress!;

    /// <summary>Stores a local file under <c>uploads/&lt;user&gt;/</c> and returns its key.</summary>
    public async Task<string> UploadAsync(string path, string user)
    {
        using var response = await http.PostAsJsonAsync("api/dev/uploads", new UploadRequest(path, user));
        return (await ReadAsync<JsonElement>(response, CancellationToken.None)).GetProperty("key").GetString()!;
    }

    /// <summary>Queues a job and returns its id.</summary>
    public async Task<string> QueueAsync(NewJobRequest job, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/dev/jobs", job, cancellationToken);
        return (await ReadAsync<JsonElement>(response, cancellationToken)).GetProperty("id").GetString()
            ?? throw new InvalidOperationException("The dev backend returned no job id.");
    }

    public async Task<Job> GetAsync(string id) => (await http.GetFromJsonAsync<Job>($"api/dev/jobs/{id}"))!;

    public async Task<IReadOnlyList<Job>> AllAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<Job>>("api/dev/jobs", cancellationToken) ?? [];

    public async Task InjectAsync(FaultRequest faults)
    {
        using var response = await http.PostAsJsonAsync("api/dev/faults", faults);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A signed GET URL of the job's published video.</summary>
    public async Task<Uri> VideoUrlAsync(string id) =>
        new((await http.GetFromJsonAsync<JsonElement>($"api/dev/jobs/{id}/video-url")).GetProperty("url").GetString()!);

    /// <summary>Waits until the job was reported (succeeded or failed); <paramref name="describe"/> explains a timeout.</summary>
    public async Task<Job> WaitForEndAsync(string id, TimeSpan timeout, Func<string>? describe = null)
    {
        try
        {
            return await Eventually.ValueAsync(
                async () => await GetAsync(id) is { } job && s_ended.Contains(job.Status) ? job : null,
                timeout,
                $"job {id} to be reported",
                TimeSpan.FromMilliseconds(200)
            );
        }
        catch (TimeoutException ex) when (describe is not null)
        {
            var job = await GetAsync(id);
            throw new TimeoutException($"Job {id} is still {job.Status} after {timeout}.\n{describe()}", ex);
        }
    }

    /// <summary>
    /// Waits until every job has ended (succeeded or failed); throws if that takes longer than <paramref name="timeout"/>.
    /// One request for all the jobs every half second: a benchmark measures the backend's own timestamps, so
    /// polling faster would only take CPU from the system under test.
    /// </summary>
    public async Task<IReadOnlyList<Job>> WaitForAllAsync(IReadOnlyList<string> ids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var wanted = ids.ToHashSet();
        var finished = new Dictionary<string, Job>();
        while (true)
        {
            foreach (var job in (await AllAsync(limit.Token)).Where(j => s_ended.Contains(j.Status) && wanted.Contains(j.Id)))
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

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException(
                $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}"
            );
        return (await response.Content.ReadFromJsonAsync<T>(cancellationToken))!;
    }

    public void Dispose() => http.Dispose();
}
