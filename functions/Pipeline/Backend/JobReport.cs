using System.Text.Json.Serialization;

namespace Serverless.Pipeline.Backend;

/// <summary>The body of <c>POST /api/render-internal/job-result/{id}</c>; property names are the wire's.</summary>
public sealed record JobReport
{
    [JsonPropertyName("status")]
    public required JobStatus Status { get; init; }

    [JsonPropertyName("output")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JobOutput? Output { get; init; }

    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    [JsonPropertyName("timings")]
    public JobTimings Timings { get; init; } = new();

    public static JobReport Succeeded(JobOutput output, JobTimings timings) =>
        new()
        {
            Status = JobStatus.Succeeded,
            Output = output,
            Timings = timings,
        };

    public static JobReport Failed(string error, JobTimings? timings = null) =>
        new()
        {
            Status = JobStatus.Failed,
            Error = error,
            Timings = timings ?? new(),
        };
}

public sealed record JobOutput
{
    [JsonPropertyName("videoKey")]
    public required string VideoKey { get; init; }

    [JsonPropertyName("durationSec")]
    public required double DurationSec { get; init; }

    [JsonPropertyName("renderer")]
    public string? Renderer { get; init; }

    [JsonPropertyName("posterKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PosterKey { get; init; }

    // The fields below are extras of ours: the backend ignores what it does not know (see ARCHITECTURE.md).

    /// <summary>Seconds the render workers spent rendering this job (prepare + render of every render it took).</summary>
    [JsonPropertyName("gpuSeconds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? GpuSeconds { get; init; }

    /// <summary>How many chunks the speech was split into and rendered as; null when it was rendered whole.</summary>
    [JsonPropertyName("chunks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Chunks { get; init; }

    /// <summary>The stitch request's time on its worker (downloads, join, uploads), for a split job.</summary>
    [JsonPropertyName("stitchMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? StitchMs { get; init; }

    /// <summary>Why another renderer made the video instead of SadTalker (or the still image instead of the animator) (<c>code: message</c>).</summary>
    [JsonPropertyName("fallbackReason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FallbackReason { get; init; }

    /// <summary>The WebVTT captions published beside the video (<c>outputs/&lt;ns&gt;/&lt;jobId&gt;.vtt</c>).</summary>
    [JsonPropertyName("captionsVttKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CaptionsVttKey { get; init; }

    /// <summary>The SRT captions published beside the video (<c>outputs/&lt;ns&gt;/&lt;jobId&gt;.srt</c>).</summary>
    [JsonPropertyName("captionsSrtKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CaptionsSrtKey { get; init; }

    /// <summary>How many cues the captions hold.</summary>
    [JsonPropertyName("captionCues")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CaptionCues { get; init; }

    /// <summary>Why a job with captions on has none (no text, an audio format that cannot be read, …).</summary>
    [JsonPropertyName("captionsSkipped")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CaptionsSkipped { get; init; }
}

public sealed record JobTimings
{
    [JsonPropertyName("tts_ms")]
    public long TtsMs { get; init; }

    [JsonPropertyName("sadtalker_ms")]
    public long SadTalkerMs { get; init; }

    [JsonPropertyName("upload_ms")]
    public long UploadMs { get; init; }
}
