using Serverless.Contracts;

namespace Serverless.RenderEngine.Chunking;

/// <summary>Local files of one stitch. The output paths are written only on success.</summary>
public sealed record StitchInput
{
    public required ChunkPlan Plan { get; init; }

    /// <summary>The chunk videos, in plan order.</summary>
    public required IReadOnlyList<string> ChunkVideoPaths { get; init; }

    /// <summary>The job's original speech: its AAC becomes the audio of the joined video, untouched.</summary>
    public required string AudioPath { get; init; }

    public required string VideoPath { get; init; }
    public required string PosterPath { get; init; }
}
