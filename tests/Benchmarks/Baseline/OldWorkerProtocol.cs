using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Serverless.Pipeline.Backend;

namespace Serverless.Benchmarks.Baseline;

/// <summary>
/// The old worker's two backend calls, as plainly as it made them: no retries, no validation beyond reading the
/// JSON. The client's base address and bearer token are set by its creator.
/// </summary>
internal sealed class OldWorkerProtocol(HttpClient http)
{
    public async Task<WireJob?> LeaseAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("/api/render-internal/next-job", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Lease>(cancellationToken))?.Job;
    }

    public async Task ReportAsync(string jobId, JobReport report, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/api/render-internal/job-result/{jobId}", report, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private sealed record Lease([property: JsonPropertyName("job")] WireJob? Job);
}
