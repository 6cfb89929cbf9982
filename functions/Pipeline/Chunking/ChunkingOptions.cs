using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.Pipeline.Chunking;

/// <summary>How long speech is split into chunks rendered on several GPUs at once (app settings).</summary>
public sealed class ChunkingOptions : IValidatableObject
{
    public const double MinChunkSeconds = 5;

    /// <summary>
    /// Speech longer than this is split into ceil(duration / this) chunks; 0 = never split. 15 s, by arithmetic on
    /// the simulated GPU (10 s model load + 3 s per second of speech; not benchmarked yet): a 120 s job becomes 8
    /// chunks, (10 + 360) / (10 + 45) ≈ 6.7× faster on 8 workers for (80 + 360) / (10 + 360) ≈ 1.2× the
    /// GPU-seconds; longer chunks cost less and gain less (20 s: 5.3×, 1.14×).
    /// </summary>
    [ConfigurationKeyName("RENDER_CHUNK_SECONDS")]
    [Range(0, 3600)]
    public double ChunkSeconds { get; set; } = 15;

    /// <summary>Chunks of one job rendering at once, so one long job does not take every GPU.</summary>
    [ConfigurationKeyName("RENDER_MAX_PARALLEL_CHUNKS")]
    [Range(1, 256)]
    public int MaxParallelChunks { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Below a few seconds a chunk is mostly model load: the split would cost more GPU time than it saves.
        if (ChunkSeconds is > 0 and < MinChunkSeconds)
            yield return new ValidationResult(
                $"RENDER_CHUNK_SECONDS must be 0 (never split) or at least {MinChunkSeconds}.",
                [nameof(ChunkSeconds)]
            );
    }
}
