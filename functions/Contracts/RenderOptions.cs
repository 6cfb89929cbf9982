using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>Per-job render options; unset values fall back to the worker's own settings.</summary>
public sealed record RenderOptions
{
    /// <summary>Fail instead of falling back from SadTalker to the animator or the still image.</summary>
    [JsonPropertyName("forceSadTalker")]
    public bool? ForceSadTalker { get; init; }

    /// <summary>Trim the audio to this many seconds; 0 disables trimming.</summary>
    [JsonPropertyName("maxAudioSeconds")]
    public double? MaxAudioSeconds { get; init; }

    /// <summary>Extra SadTalker arguments, appended after the worker's SADTALKER_ARGS.</summary>
    [JsonPropertyName("sadTalkerArgs")]
    public string? SadTalkerArgs { get; init; }

    /// <summary>
    /// Render with this renderer; null = automatic. Only the animator still falls back, to the still image, on a
    /// portrait without a usable face. Chunks of a split job name the renderer the plan was made for, so one video
    /// never mixes renderers; a split job that falls back asks for the animator.
    /// </summary>
    [JsonPropertyName("renderer")]
    public Renderer? Renderer { get; init; }
}
