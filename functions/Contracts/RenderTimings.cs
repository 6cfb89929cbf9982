using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>Wall-clock milliseconds spent in each step of one render.</summary>
public sealed record RenderTimings
{
    [JsonPropertyName("downloadMs")]
    public long DownloadMs { get; init; }

    [JsonPropertyName("prepareMs")]
    public long PrepareMs { get; init; }

    /// <summary>Time in the renderer itself (SadTalker, or the ffmpeg fallback, including a failed SadTalker attempt).</summary>
    [JsonPropertyName("renderMs")]
    public long RenderMs { get; init; }

    [JsonPropertyName("uploadMs")]
    public long UploadMs { get; init; }

    [JsonPropertyName("totalMs")]
    public long TotalMs { get; init; }
}
