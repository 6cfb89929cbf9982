using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>
/// One chunk of a <see cref="ChunkPlan"/>, in samples of the plan's WAV. The chunk owns [start, end) of the
/// timeline; its audio (what it is rendered from) runs a little further on each inner side, so that neighbours
/// overlap by the crossfade window and both sides of a cross-fade are animated from the same speech.
/// </summary>
public sealed record PlannedChunk
{
    [JsonPropertyName("index")]
    public required int Index { get; init; }

    [JsonPropertyName("startSample")]
    public required long StartSample { get; init; }

    /// <summary>Exclusive.</summary>
    [JsonPropertyName("endSample")]
    public required long EndSample { get; init; }

    [JsonPropertyName("audioStartSample")]
    public required long AudioStartSample { get; init; }

    /// <summary>Exclusive.</summary>
    [JsonPropertyName("audioEndSample")]
    public required long AudioEndSample { get; init; }

    /// <summary>Whether the cut at <see cref="EndSample"/> lies in a detected pause (false for the last chunk, which ends with the speech).</summary>
    [JsonPropertyName("endsInPause")]
    public bool EndsInPause { get; init; }

    [JsonIgnore]
    public long AudioSamples => AudioEndSample - AudioStartSample;
}
