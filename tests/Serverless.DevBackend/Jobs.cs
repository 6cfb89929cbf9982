using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Serverless.DevBackend;

/// <summary>A job as the backend stores it (the real one keeps these in MongoDB).</summary>
public sealed class Job
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "talking-head";

    [JsonPropertyName("input")]
    public required JobInput Input { get; init; }

    [JsonPropertyName("status")]
    public string Status { get; set; } = "queued";

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    [JsonPropertyName("leasedAt")]
    public DateTimeOffset? LeasedAt { get; set; }

    [JsonPropertyName("finishedAt")]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The last report body received, as sent.</summary>
    [JsonPropertyName("result")]
    public JsonNode? Result { get; set; }

    /// <summary>How many reports the worker delivered; the protocol expects exactly one.</summary>
    [JsonPropertyName("reportCount")]
    public int ReportCount { get; set; }

    /// <summary>Every report request received for this job, refused ones (injected 500s) included, in order.</summary>
    [JsonPropertyName("reportAttempts")]
    public IReadOnlyList<ReportAttempt> ReportAttempts { get; set; } = [];

    /// <summary>Test hook: hand this URL out instead of signing <see cref="JobInput.ImageKey"/>.</summary>
    [JsonPropertyName("imageUrlOverride")]
    public string? ImageUrlOverride { get; init; }
}

/// <summary>One report request as the backend answered it.</summary>
public sealed record ReportAttempt(
    [property: JsonPropertyName("receivedAt")] DateTimeOffset ReceivedAt,
    [property: JsonPropertyName("answeredStatus")] int AnsweredStatus
);

public sealed class JobInput
{
    [JsonPropertyName("imageKey")]
    public string? ImageKey { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("voiceId")]
    public string? VoiceId { get; init; }

    [JsonPropertyName("audioKey")]
    public string? AudioKey { get; init; }

    [JsonPropertyName("consent")]
    public bool Consent { get; init; } = true;
}
