using Serverless.Contracts;

namespace Serverless.RenderEngine.Chunking;

/// <summary>
/// Plans where long speech is cut: ceil(duration / limit) chunks of near-equal length, each cut at the pause
/// nearest its equal-split point. Hard bounds keep every chunk between <see cref="ChunkTiming.MinUnderrun"/> and
/// <see cref="ChunkTiming.MaxOverrun"/> times the limit (and leave the rest of the speech room for the chunks
/// still to come); only when no pause lies within them is a cut made at the equal-split point, mid-word. Speech
/// that would need more than <see cref="ChunkTiming.MaxChunks"/> chunks gets that many, longer ones. A pure
/// function of its inputs: the same speech always gets the same plan.
/// </summary>
public static class ChunkPlanner
{
    public static ChunkPlan Plan(long totalSamples, int sampleRate, IReadOnlyList<Silence> silences, double maxChunkSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSamples);
        ArgumentOutOfRangeException.ThrowIfNegative(maxChunkSeconds);
        var frame = ChunkTiming.FrameSamples(sampleRate);
        var limit = (long)Math.Round(maxChunkSeconds * sampleRate);
        if (limit > 0 && totalSamples > limit * ChunkTiming.MaxChunks)
            limit = (totalSamples + ChunkTiming.MaxChunks - 1) / ChunkTiming.MaxChunks;
        var count = limit <= 0 || totalSamples <= limit ? 1 : (int)((totalSamples + limit - 1) / limit);
        var maxLength = (long)(limit * ChunkTiming.MaxOverrun);
        var minLength = (long)(limit * ChunkTiming.MinUnderrun);
        var cutPoints = silences.Select(s => CutPoint(s, frame)).OfType<long>().Distinct().Order().ToArray();

        var cuts = new List<(long Sample, bool InPause)>();
        var previous = 0L;
        for (var j = 1; j < count; j++)
        {
            var left = count - j;
            var lo = Math.Max(previous + minLength, totalSamples - left * maxLength);
            var hi = Math.Min(previous + maxLength, totalSamples - left * minLength);
            var target = (long)Math.Round((double)totalSamples * j / count);
            var cut = Nearest(cutPoints, lo, hi, target) is { } pause
                ? (pause, true)
                : (OnGrid(Math.Clamp(target, lo, hi), lo, hi, frame), false);
            cuts.Add(cut);
            previous = cut.Item1;
        }
        return new ChunkPlan
        {
            SampleRate = sampleRate,
            TotalSamples = totalSamples,
            Chunks = Chunks(cuts, totalSamples, frame),
        };
    }

    /// <summary>The frame boundary inside the pause nearest its middle; null when the pause holds none.</summary>
    private static long? CutPoint(Silence silence, int frame)
    {
        var first = (silence.StartSample + frame - 1) / frame * frame;
        var last = silence.EndSample / frame * frame;
        if (first > last || last <= 0)
            return null;
        var middle = (long)Math.Round((double)silence.MiddleSample / frame) * frame;
        return Math.Clamp(middle, first, last);
    }

    private static long? Nearest(long[] points, long lo, long hi, long target)
    {
        long? best = null;
        foreach (var p in points)
            if (p >= lo && p <= hi && (best is null || Math.Abs(p - target) < Math.Abs(best.Value - target)))
                best = p;
        return best;
    }

    /// <summary>The frame boundary nearest <paramref name="sample"/> within [lo, hi], or the sample itself when the range holds none.</summary>
    private static long OnGrid(long sample, long lo, long hi, int frame)
    {
        var snapped = (long)Math.Round((double)sample / frame) * frame;
        if (snapped >= lo && snapped <= hi)
            return snapped;
        var up = (lo + frame - 1) / frame * frame;
        return up <= hi ? up : sample;
    }

    private static List<PlannedChunk> Chunks(List<(long Sample, bool InPause)> cuts, long total, int frame)
    {
        var chunks = new List<PlannedChunk>(cuts.Count + 1);
        for (var i = 0; i <= cuts.Count; i++)
        {
            var start = i == 0 ? 0 : cuts[i - 1].Sample;
            var end = i == cuts.Count ? total : cuts[i].Sample;
            chunks.Add(
                new PlannedChunk
                {
                    Index = i,
                    StartSample = start,
                    EndSample = end,
                    AudioStartSample = i == 0 ? 0 : Math.Max(0, start - ChunkTiming.LeadFrames * frame),
                    AudioEndSample = i == cuts.Count ? total : Math.Min(total, end + ChunkTiming.TailFrames * frame),
                    EndsInPause = i < cuts.Count && cuts[i].InPause,
                }
            );
        }
        return chunks;
    }
}
