using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>Per-job render options; unset values fall back to the worker's own settings.</summary>
public sealed record RenderOptions
{
    /// <summary>Fail instead of falling back to the ffmpeg still-image renderer.</summary>
    [JsonPropertyName("forceSadTalker")]
    public bool? ForceSadTalker { get; init; }

    /// <summary>Trim the audio to this many seconds; 0 disables trimming.</summary>
    [JsonPropertyName("maxAudioSeconds")]
    public double? MaxAudioSeconds { get; init; }

    /// <summary>Extra SadTalker arguments, appended after the worker's SADTALKER_ARGS.</summary>
    [JsonPropertyName("sadTalkerArgs")]
    public string? SadTalkerArgs { get; init; }
}
