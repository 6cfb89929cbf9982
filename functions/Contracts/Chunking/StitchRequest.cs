using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>
/// The second request kind on render-requests (<c>"kind": "stitch"</c>): join the rendered chunk videos of a
/// planned job, cross-fading at each cut, under the original full-length speech. Like a render it carries only
/// presigned URLs, and is answered by one <see cref="RenderResult"/> (with <see cref="RenderResult.StitchedChunks"/>).
/// </summary>
public sealed record StitchRequest
{
    [JsonPropertyName("kind")]
    public string Kind => RenderRequestKinds.Stitch;

    [JsonPropertyName("jobId")]
    public required string JobId { get; init; }

    [JsonPropertyName("instanceId")]
    public required string InstanceId { get; init; }

    /// <summary>The job's original speech (the same object the planning request read), so the audio is exactly a normal render's.</summary>
    [JsonPropertyName("audioUrl")]
    public required Uri AudioUrl { get; init; }

    /// <summary>The plan the chunks were cut and rendered by.</summary>
    [JsonPropertyName("plan")]
    public required ChunkPlan Plan { get; init; }

    /// <summary>Presigned GETs of the chunk videos, in plan order.</summary>
    [JsonPropertyName("chunkVideoUrls")]
    public required IReadOnlyList<Uri> ChunkVideoUrls { get; init; }

    [JsonPropertyName("videoUploadUrl")]
    public required Uri VideoUploadUrl { get; init; }

    [JsonPropertyName("posterUploadUrl")]
    public Uri? PosterUploadUrl { get; init; }

    /// <summary>The job's options: <see cref="RenderOptions.MaxAudioSeconds"/> must trim the speech as the planning did.</summary>
    [JsonPropertyName("options")]
    public RenderOptions Options { get; init; } = new();

    [JsonPropertyName("deadline")]
    public required DateTimeOffset Deadline { get; init; }
}
