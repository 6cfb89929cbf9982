using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>
/// Asks the worker to split long speech instead of rendering it (<see cref="RenderRequest.Chunking"/>): when the
/// prepared speech is longer than <see cref="MaxChunkSeconds"/> and SadTalker would render it, the worker plans
/// the chunks, uploads the prepared 16 kHz mono WAV to <see cref="SpeechUploadUrl"/> and answers
/// <see cref="RenderStatus.Planned"/> with the plan. Shorter speech is rendered as usual.
/// </summary>
public sealed record ChunkingRequest
{
    /// <summary>RENDER_CHUNK_SECONDS: the chunk length aimed at; 0 = never split.</summary>
    [JsonPropertyName("maxChunkSeconds")]
    public required double MaxChunkSeconds { get; init; }

    /// <summary>Presigned PUT for the prepared speech (<see cref="RenderMediaTypes.Speech"/>), which the chunks are cut from.</summary>
    [JsonPropertyName("speechUploadUrl")]
    public required Uri SpeechUploadUrl { get; init; }
}
