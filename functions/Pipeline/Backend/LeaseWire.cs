using System.Text.Json.Serialization;

namespace Serverless.Pipeline.Backend;

/// <summary>The <c>job</c> object of a lease response, as the backend sends it (see <see cref="IBackendClient"/>).</summary>
public sealed record WireJob
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("input")]
    public WireJobInput? Input { get; init; }

    [JsonPropertyName("imageUrl")]
    public string? ImageUrl { get; init; }

    [JsonPropertyName("audioUrl")]
    public string? AudioUrl { get; init; }
}

public sealed record WireJobInput
{
    [JsonPropertyName("imageKey")]
    public string? ImageKey { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("voiceId")]
    public string? VoiceId { get; init; }

    [JsonPropertyName("audioKey")]
    public string? AudioKey { get; init; }

    /// <summary>Optional: <c>off</c>, <c>file</c> or <c>burn</c>; overrides CAPTIONS for this job.</summary>
    [JsonPropertyName("captions")]
    public string? Captions { get; init; }
}
