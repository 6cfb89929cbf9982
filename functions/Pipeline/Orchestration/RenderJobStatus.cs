using System.Text.Json.Serialization;

namespace Serverless.Pipeline.Orchestration;

/// <summary>Custom status of a running <see cref="RenderJob"/>: where it is and what each step took so far.</summary>
public sealed record RenderJobStatus
{
    [JsonPropertyName("stage")]
    public required string Stage { get; init; }

    [JsonPropertyName("ttsMs")]
    public long? TtsMs { get; init; }

    [JsonPropertyName("renderMs")]
    public long? RenderMs { get; init; }

    [JsonPropertyName("uploadMs")]
    public long? UploadMs { get; init; }

    [JsonPropertyName("renderer")]
    public string? Renderer { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>A split job's chunks rendered so far.</summary>
    [JsonPropertyName("chunksDone")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ChunksDone { get; init; }

    [JsonPropertyName("chunksTotal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ChunksTotal { get; init; }
}

public static class RenderJobStages
{
    public const string Staging = "staging";
    public const string Speech = "speech";
    public const string Rendering = "rendering";
    public const string Publishing = "publishing";
    public const string Reporting = "reporting";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
