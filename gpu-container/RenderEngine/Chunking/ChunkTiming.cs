using System.Globalization;
using Serverless.RenderEngine.Media;

namespace Serverless.RenderEngine.Chunking;

/// <summary>
/// The fixed geometry of a split job. Cuts fall on video frame boundaries (640 samples at 16 kHz and 25 fps), so
/// every chunk video starts on the output's frame grid and the stitch places frames exactly. Neighbouring chunks
/// share the crossfade window around each cut: the chunk after a cut starts <see cref="LeadFrames"/> early, the
/// one before it ends <see cref="TailFrames"/> late, and both animate that bit of speech.
/// </summary>
public static class ChunkTiming
{
    public const int PlanSampleRate = 16_000;

    public const int LeadFrames = 2;
    public const int TailFrames = 3;

    /// <summary>The crossfade at each cut: 5 frames, 0.2 s.</summary>
    public const int CrossfadeFrames = LeadFrames + TailFrames;

    /// <summary>No chunk is longer than this many times RENDER_CHUNK_SECONDS.</summary>
    public const double MaxOverrun = 1.25;

    /// <summary>No chunk is shorter than this many times it (balance: the job waits for its longest chunk).</summary>
    public const double MinUnderrun = 0.5;

    /// <summary>
    /// At most this many chunks: the stitch request carries one presigned URL per chunk and a queue message holds
    /// 64 KB. Longer speech gets longer chunks (duration / this).
    /// </summary>
    public const int MaxChunks = 32;

    public static int FrameSamples(int sampleRate) =>
        sampleRate % VideoFormat.FramesPerSecond == 0
            ? sampleRate / VideoFormat.FramesPerSecond
            : throw new ArgumentOutOfRangeException(
                nameof(sampleRate),
                sampleRate,
                "The sample rate must be a whole number of samples per frame."
            );

    /// <summary>
    /// The encoder arguments that make a chunk video copyable by the stitch (<see cref="CopyingStitch"/>): an IDR
    /// frame where its body starts (after the cross-fade from the chunk before) and where it ends (before the one
    /// into the chunk after). Two extra keyframes cost next to nothing.
    /// </summary>
    public static IReadOnlyList<string> KeyFrameArguments(double durationSec)
    {
        var frames = (long)Math.Ceiling(durationSec * VideoFormat.FramesPerSecond - 1e-6);
        return
        [
            "-force_key_frames",
            string.Create(CultureInfo.InvariantCulture, $"expr:eq(n,{CrossfadeFrames})+eq(n,{frames - CrossfadeFrames})"),
            "-forced-idr",
            "1",
        ];
    }
}
