using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Serverless.Contracts;

/// <summary>
/// Where a long speech track is cut, computed once by the worker that prepared it (the planned result) and carried
/// unchanged to the splitter and the stitcher. Boundaries are in samples of the prepared 16 kHz mono WAV.
/// </summary>
public sealed record ChunkPlan
{
    [JsonPropertyName("sampleRate")]
    public required int SampleRate { get; init; }

    [JsonPropertyName("totalSamples")]
    public required long TotalSamples { get; init; }

    [JsonPropertyName("chunks")]
    public required IReadOnlyList<PlannedChunk> Chunks { get; init; }

    [JsonIgnore]
    public double DurationSec => (double)TotalSamples / SampleRate;

    /// <summary>
    /// A short name of exactly this plan (16 hex digits of the SHA-256 of its wire form). Chunk objects are kept
    /// under it, so chunks cut or rendered for another plan of the same job (a re-plan by a newer worker) are
    /// never taken for this plan's.
    /// </summary>
    public string Fingerprint() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RenderQueueJson.Serialize(this))))[..16];

    /// <summary>Why the plan cannot be used (it came over a queue), or null when it is consistent.</summary>
    public string? Problem()
    {
        if (SampleRate <= 0 || TotalSamples <= 0)
            return "the sample rate and the length must be positive";
        if (Chunks is not { Count: > 0 })
            return "the plan has no chunks";
        long expectedStart = 0;
        for (var i = 0; i < Chunks.Count; i++)
        {
            var c = Chunks[i];
            if (c is null || c.Index != i)
                return $"chunk {i} is missing or out of order";
            if (c.StartSample != expectedStart || c.EndSample <= c.StartSample)
                return $"chunk {i} does not continue the previous one";
            if (
                c.AudioStartSample < 0
                || c.AudioStartSample > c.StartSample
                || c.AudioEndSample < c.EndSample
                || c.AudioEndSample > TotalSamples
            )
                return $"the audio of chunk {i} does not cover what it owns";
            expectedStart = c.EndSample;
        }
        return expectedStart == TotalSamples ? null : "the chunks do not end with the speech";
    }
}
