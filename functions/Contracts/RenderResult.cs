using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>The worker's answer to one <see cref="RenderRequest"/>.</summary>
public sealed record RenderResult
{
    [JsonPropertyName("instanceId")]
    public required string InstanceId { get; init; }

    [JsonPropertyName("jobId")]
    public required string JobId { get; init; }

    [JsonPropertyName("status")]
    public required RenderStatus Status { get; init; }

    [JsonPropertyName("renderer")]
    public Renderer? Renderer { get; init; }

    [JsonPropertyName("durationSec")]
    public double? DurationSec { get; init; }

    [JsonPropertyName("timings")]
    public RenderTimings Timings { get; init; } = new();

    [JsonPropertyName("error")]
    public RenderError? Error { get; init; }

    /// <summary>With a succeeded render by a later renderer under automatic choice: why an earlier one (SadTalker, the animator) was not used.</summary>
    [JsonPropertyName("fallbackReason")]
    public RenderError? FallbackReason { get; init; }

    /// <summary>How many times the queue had delivered the request when this result was produced.</summary>
    [JsonPropertyName("deliveryCount")]
    public long DeliveryCount { get; init; }

    /// <summary>With <see cref="RenderStatus.Planned"/>: where the speech is cut. Nothing was rendered.</summary>
    [JsonPropertyName("plan")]
    public ChunkPlan? Plan { get; init; }

    /// <summary>The <see cref="RenderRequest.RequestId"/> of the request this answers (null when it had none).</summary>
    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    /// <summary>The <see cref="RenderChunk.Index"/> of the request this answers; null when it was not a chunk.</summary>
    [JsonPropertyName("chunkIndex")]
    public int? ChunkIndex { get; init; }

    [JsonPropertyName("chunkCount")]
    public int? ChunkCount { get; init; }

    /// <summary>Set on every answer to a <see cref="StitchRequest"/>, failed ones too: how many chunk videos it joins.</summary>
    [JsonPropertyName("stitchedChunks")]
    public int? StitchedChunks { get; init; }

    public static RenderResult Failed(string instanceId, string jobId, RenderError error, long deliveryCount = 0) =>
        new()
        {
            InstanceId = instanceId,
            JobId = jobId,
            Status = RenderStatus.Failed,
            Error = error,
            DeliveryCount = deliveryCount,
        };
}

[JsonConverter(typeof(JsonStringEnumConverter<RenderStatus>))]
public enum RenderStatus
{
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The speech was long enough to split: the result carries the <see cref="RenderResult.Plan"/>, no video.</summary>
    [JsonStringEnumMemberName("planned")]
    Planned,
}

[JsonConverter(typeof(JsonStringEnumConverter<Renderer>))]
public enum Renderer
{
    [JsonStringEnumMemberName("sadtalker")]
    SadTalker,

    [JsonStringEnumMemberName("ffmpeg")]
    Ffmpeg,

    /// <summary>The CPU talking-head animator of the render engine.</summary>
    [JsonStringEnumMemberName("animator")]
    Animator,
}
