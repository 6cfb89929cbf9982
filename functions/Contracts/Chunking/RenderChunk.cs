using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>Marks a render request as one chunk of a split job (<see cref="RenderRequest.Chunk"/>).</summary>
public sealed record RenderChunk
{
    [JsonPropertyName("index")]
    public required int Index { get; init; }

    [JsonPropertyName("count")]
    public required int Count { get; init; }

    /// <summary>
    /// Presigned GET of this chunk's own video key. When a playable video of the chunk's length is already there
    /// (an earlier delivery uploaded it and then died), the worker answers without rendering it again.
    /// </summary>
    [JsonPropertyName("existingVideoUrl")]
    public Uri? ExistingVideoUrl { get; init; }
}
