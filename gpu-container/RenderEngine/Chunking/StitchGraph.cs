using System.Globalization;
using System.Text;
using Serverless.Contracts;
using Serverless.RenderEngine.Media;

namespace Serverless.RenderEngine.Chunking;

/// <summary>
/// The ffmpeg filter graph that joins the chunk videos of a plan on the output's frame grid. Each chunk video is
/// normalised to exactly the frames its audio spans (a frame short or long is padded or cut), then laid where its
/// audio starts; <c>xfade</c> blends each pair over the window both animated, so the joined video is exactly as
/// long as the speech and no frame is dropped, repeated or black.
/// </summary>
public static class StitchGraph
{
    /// <summary>Input <c>i</c> is chunk video <c>i</c>; the result is the pad <c>[v]</c>.</summary>
    public static string Build(ChunkPlan plan, int width, int height)
    {
        var frame = ChunkTiming.FrameSamples(plan.SampleRate);
        var graph = new StringBuilder();
        for (var i = 0; i < plan.Chunks.Count; i++)
        {
            var frames = Frames(plan.Chunks[i], frame);
            graph.Append(
                CultureInfo.InvariantCulture,
                $"[{i}:v]fps={VideoFormat.FramesPerSecond},scale={width}:{height},setsar=1,format=yuv420p,setpts=PTS-STARTPTS,"
                    + $"tpad=stop_mode=clone:stop={frames},trim=end_frame={frames},setpts=PTS-STARTPTS[c{i}];"
            );
        }
        if (plan.Chunks.Count == 1)
            return graph.Append("[c0]null[v]").ToString();

        var previous = "c0";
        for (var i = 1; i < plan.Chunks.Count; i++)
        {
            var (before, after) = (plan.Chunks[i - 1], plan.Chunks[i]);
            var offset = Seconds(FirstFrame(after, frame));
            var duration = Seconds(FirstFrame(before, frame) + Frames(before, frame) - FirstFrame(after, frame));
            var output = i == plan.Chunks.Count - 1 ? "v" : $"x{i}";
            graph.Append(
                CultureInfo.InvariantCulture,
                $"[{previous}][c{i}]xfade=transition=fade:duration={duration}:offset={offset}[{output}];"
            );
            previous = output;
        }
        return graph.ToString().TrimEnd(';');
    }

    /// <summary>The output frame the chunk video's first frame becomes.</summary>
    public static long FirstFrame(PlannedChunk chunk, int frameSamples) => (chunk.AudioStartSample + frameSamples / 2) / frameSamples;

    /// <summary>The frames of video the chunk's audio spans (its last, partial frame included).</summary>
    public static long Frames(PlannedChunk chunk, int frameSamples) => (chunk.AudioSamples + frameSamples - 1) / frameSamples;

    private static string Seconds(long frames) =>
        (frames / (double)VideoFormat.FramesPerSecond).ToString("0.####", CultureInfo.InvariantCulture);
}
