namespace Serverless.Benchmarks.Chunked;

/// <summary>One job through a fresh stack: K render workers, and the pipeline's RENDER_CHUNK_SECONDS (0 = never split).</summary>
internal sealed record RunPlan(int Workers, double ChunkSeconds)
{
    public bool Split => ChunkSeconds > 0;

    public string Name => Split ? "chunked" : "unchunked";
}
