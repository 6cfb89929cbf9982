using System.Text.Json.Serialization;
using Serverless.Contracts;

namespace Serverless.RenderWorker.Verbs;

/// <summary>The one JSON line <c>render-worker render</c> prints at the end.</summary>
public sealed record RenderSummary
{
    [JsonPropertyName("status")]
    public required RenderStatus Status { get; init; }

    [JsonPropertyName("renderer")]
    public Renderer? Renderer { get; init; }

    [JsonPropertyName("durationSec")]
    public double? DurationSec { get; init; }

    [JsonPropertyName("timings")]
    public RenderTimings Timings { get; init; } = new();

    [JsonPropertyName("out")]
    public required string Out { get; init; }

    [JsonPropertyName("poster")]
    public required string Poster { get; init; }

    /// <summary>Why an earlier renderer (SadTalker, the animator) was not used for the video.</summary>
    [JsonPropertyName("fallbackReason")]
    public RenderError? FallbackReason { get; init; }

    [JsonPropertyName("error")]
    public RenderError? Error { get; init; }
}
