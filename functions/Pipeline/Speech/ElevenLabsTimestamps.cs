using System.Text.Json.Serialization;

namespace Serverless.Pipeline.Speech;

/// <summary>The JSON of <c>POST /v1/text-to-speech/{voice_id}/with-timestamps</c>, less its audio (streamed apart).</summary>
internal sealed record ElevenLabsTimestamps
{
    [JsonPropertyName("alignment")]
    public ElevenLabsAlignment? Alignment { get; init; }

    [JsonPropertyName("normalized_alignment")]
    public ElevenLabsAlignment? NormalizedAlignment { get; init; }
}

internal sealed record ElevenLabsAlignment
{
    [JsonPropertyName("characters")]
    public IReadOnlyList<string> Characters { get; init; } = [];

    [JsonPropertyName("character_start_times_seconds")]
    public IReadOnlyList<double> StartTimes { get; init; } = [];

    [JsonPropertyName("character_end_times_seconds")]
    public IReadOnlyList<double> EndTimes { get; init; } = [];
}
