using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>
/// One render job for the GPU worker. It carries presigned URLs only: the worker holds no
/// storage credentials and never sees media bytes through the queue.
/// </summary>
public sealed record RenderRequest
{
    [JsonPropertyName("jobId")]
    public required string JobId { get; init; }

    [JsonPropertyName("instanceId")]
    public required string InstanceId { get; init; }

    [JsonPropertyName("imageUrl")]
    public required Uri ImageUrl { get; init; }

    [JsonPropertyName("audioUrl")]
    public required Uri AudioUrl { get; init; }

    [JsonPropertyName("videoUploadUrl")]
    public required Uri VideoUploadUrl { get; init; }

    [JsonPropertyName("posterUploadUrl")]
    public Uri? PosterUploadUrl { get; init; }

    [JsonPropertyName("options")]
    public RenderOptions Options { get; init; } = new();

    /// <summary>After this instant nobody waits for the result any more (the presigned URLs expire too).</summary>
    [JsonPropertyName("deadline")]
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>Split the speech instead of rendering it when it is long; null = render whatever the length.</summary>
    [JsonPropertyName("chunking")]
    public ChunkingRequest? Chunking { get; init; }

    /// <summary>
    /// Names this request among the job's requests when the orchestration must tell its answer from another's (the
    /// chunk fallback's render, not a late answer to the planning request); echoed in the result. Null otherwise.
    /// </summary>
    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    /// <summary>
    /// Presigned GET of the job's WebVTT captions, to burn into the video (CAPTIONS=burn); null: none. Never the
    /// text itself: a queue message holds 64 KB.
    /// </summary>
    [JsonPropertyName("captionsUrl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Uri? CaptionsUrl { get; init; }

    /// <summary>Set when this request renders one chunk of a split job; echoed in the result.</summary>
    [JsonPropertyName("chunk")]
    public RenderChunk? Chunk { get; init; }
}
