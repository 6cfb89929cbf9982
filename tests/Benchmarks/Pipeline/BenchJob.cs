using System.Text.Json.Serialization;

namespace Serverless.Benchmarks.Pipeline;

/// <summary>A job to queue through the dev backend's <c>POST /api/dev/jobs</c>: the portrait with supplied audio or with a text.</summary>
internal sealed record BenchJob(
    [property: JsonPropertyName("imagePath")] string ImagePath,
    [property: JsonPropertyName("audioPath")] string? AudioPath,
    [property: JsonPropertyName("text")] string? Text
)
{
    [JsonPropertyName("voiceId")]
    public string VoiceId => "en_female_1";

    [JsonPropertyName("user")]
    public string User => "bench";

    [JsonIgnore]
    public string Kind => AudioPath is null ? "text" : "audio";
}
