using System.Text.Json.Serialization;

namespace Serverless.Pipeline.Speech;

/// <summary>The JSON body of <c>POST /v1/text-to-speech/{voice_id}</c>.</summary>
public sealed record ElevenLabsRequest(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("model_id")] string ModelId,
    [property: JsonPropertyName("voice_settings")] ElevenLabsVoiceSettings VoiceSettings,
    [property: JsonPropertyName("previous_request_ids")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<string>? PreviousRequestIds
);

public sealed record ElevenLabsVoiceSettings(
    [property: JsonPropertyName("stability")] double Stability,
    [property: JsonPropertyName("similarity_boost")] double SimilarityBoost
)
{
    public static ElevenLabsVoiceSettings Default { get; } = new(0.5, 0.75);
}
