using Serverless.Contracts;

namespace Serverless.RenderEngine.Chunking;

/// <summary>The <see cref="ChunkSpan"/> of every chunk of a plan, as <see cref="StitchGraph"/> places them.</summary>
public static class StitchLayout
{
    /// <summary>The spans in plan order; null when some chunk has no body of its own (its cross-fades would overlap).</summary>
    public static IReadOnlyList<ChunkSpan>? Of(ChunkPlan plan)
    {
        var frame = ChunkTiming.FrameSamples(plan.SampleRate);
        var chunks = plan.Chunks;
        var spans = new List<ChunkSpan>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var first = StitchGraph.FirstFrame(chunks[i], frame);
            var frames = StitchGraph.Frames(chunks[i], frame);
            var lead = i == 0 ? 0 : StitchGraph.FirstFrame(chunks[i - 1], frame) + StitchGraph.Frames(chunks[i - 1], frame) - first;
            var bodyEnd = i == chunks.Count - 1 ? frames : StitchGraph.FirstFrame(chunks[i + 1], frame) - first;
            if (lead < 0 || bodyEnd <= lead || bodyEnd > frames)
                return null;
            spans.Add(new ChunkSpan(first, frames, lead, bodyEnd));
        }
        return spans;
    }
}
