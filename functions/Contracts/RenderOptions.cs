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

    /// <summary>
    /// Render with exactly this renderer (no fallback); null = automatic. Chunks of a split job name the renderer
    /// the plan was made for, so one video never mixes renderers; a job that falls back asks for ffmpeg.
    /// </summary>
    [JsonPropertyName("renderer")]
    public Renderer? Renderer { get; init; }
}
