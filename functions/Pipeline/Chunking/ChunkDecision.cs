using Serverless.Contracts;

namespace Serverless.Pipeline.Chunking;

/// <summary>What the orchestration does next after a chunk result (<see cref="ChunkFanOut.Accept"/>).</summary>
public abstract record ChunkDecision
{
    private ChunkDecision() { }

    /// <summary>Not a result this fan-out is waiting for (another job, a duplicate, a stale plan): carry on waiting.</summary>
    public sealed record Ignored(string Why) : ChunkDecision;

    /// <summary>Request these chunks (the next ones, or a failed one again); empty: wait for more results.</summary>
    public sealed record Send(IReadOnlyList<int> Chunks) : ChunkDecision;

    /// <summary>Every chunk has its video: stitch.</summary>
    public sealed record Completed : ChunkDecision;

    /// <summary>A chunk failed for good: the job falls back to the animator (then the still image), or fails under FORCE_SADTALKER.</summary>
    public sealed record GaveUp(int Chunk, RenderError Error) : ChunkDecision;
}
