using System.Text.Json.Serialization;
using Serverless.Pipeline.Backend;

namespace Serverless.Benchmarks.Pipeline;

/// <summary>A job as the dev backend's <c>GET /api/dev/jobs/{id}</c> shows it: status, timestamps, the report.</summary>
internal sealed record DevJob
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("leasedAt")]
    public DateTimeOffset? LeasedAt { get; init; }

    [JsonPropertyName("finishedAt")]
    public DateTimeOffset? FinishedAt { get; init; }

    [JsonPropertyName("result")]
    public DevJobResult? Result { get; init; }

    [JsonPropertyName("reportCount")]
    public int ReportCount { get; init; }

    public bool IsFinished => Status is "succeeded" or "failed";
}

internal sealed record DevJobResult
{
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("timings")]
    public JobTimings Timings { get; init; } = new();
}
