using System.Net.Http.Json;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests.Stack;

/// <summary>The dev backend's own API (what the web app's UI does): queue jobs, read them, inject faults.</summary>
public sealed class DevBackendClient(Uri baseUrl) : IDisposable
{
    private static readonly string[] s_ended = ["succeeded", "failed"];
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseUrl => baseUrl;

    /// <summary>Stores a local file under <c>uploads/&lt;user&gt;/</c> and returns its key.</summary>
    public async Task<string> UploadAsync(string path, string user)
    {
        using var response = await _http.PostAsJsonAsync("api/dev/uploads", new UploadRequest(path, user));
        return (await ReadAsync<JsonElement>(response)).GetProperty("key").GetString()!;
    }

    /// <summary>Queues a job and returns its id.</summary>
    public async Task<string> QueueAsync(NewJobRequest job)
    {
        using var response = await _http.PostAsJsonAsync("api/dev/jobs", job);
        return (await ReadAsync<JsonElement>(response)).GetProperty("id").GetString()!;
    }

    public async Task<Job> GetAsync(string id) => (await _http.GetFromJsonAsync<Job>($"api/dev/jobs/{id}"))!;

    public async Task<IReadOnlyList<Job>> AllAsync() => (await _http.GetFromJsonAsync<List<Job>>("api/dev/jobs"))!;

    public async Task InjectAsync(FaultRequest faults)
    {
        using var response = await _http.PostAsJsonAsync("api/dev/faults", faults);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A signed GET URL of the job's published video.</summary>
    public async Task<Uri> VideoUrlAsync(string id) =>
        new((await _http.GetFromJsonAsync<JsonElement>($"api/dev/jobs/{id}/video-url")).GetProperty("url").GetString()!);

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

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public void Dispose() => _http.Dispose();
}
