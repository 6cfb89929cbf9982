using CliWrap;
using Serverless.Captions;
using Serverless.RenderEngine.Captions;
using Serverless.RenderEngine.Media;

namespace Serverless.RenderEngine.Fallback;

/// <summary>
/// The still image with captions burned in, keeping the speed trick where no caption changes: one second is
/// encoded per distinct caption state (none, then each cue), all in one ffmpeg run, and the video is the
/// states' segments repeated and cut by stream copy. Every segment starts with an IDR frame, so a new state can
/// start at any frame.
/// </summary>
public sealed partial class StillImageRenderer
{
    private async Task RenderCaptionedAsync(
        string imagePath,
        string imageDemuxer,
        Task<PreparedAudio> preparing,
        string videoPath,
        string posterPath,
        string workDir,
        BurnIn captions,
        CancellationToken cancellationToken
    )
    {
        var fps = VideoFormat.FramesPerSecond;
        var states = captions.Cues.Count + 1;
        // State k (k ≥ 1) shows cue k - 1 during second k of the segments' stream; second 0 shows none.
        var scriptPath = Path.Combine(workDir, "captions-still.ass");
        var shown = captions.Cues.Select((c, i) => new CaptionCue(i + 1, i + 2, c.Lines)).ToList();
        await File.WriteAllTextAsync(scriptPath, BurnedCaptions.Script(shown, captions.Aspect), cancellationToken);

        var segmentsPath = Path.Combine(workDir, "still-captioned.h264");
        await ffmpeg.RunAsync(
            SegmentArguments(
                imagePath,
                imageDemuxer,
                $"[0:v]{VideoFormat.ScaleFilter},loop=loop={states * fps - 1}:size=1:start=0,split[plain][poster];[plain]{BurnedCaptions.Filter(scriptPath)}[video]",
                states * fps,
                posterPath,
                segmentsPath
            ),
            cancellationToken
        );

        var stream = await File.ReadAllBytesAsync(segmentsPath, cancellationToken);
        var starts = H264AccessUnits.Starts(stream);
        if (starts.Count != states * fps)
            throw new InvalidOperationException($"The captioned still has {starts.Count} frames, not {states * fps}.");
        var audio = await preparing;
        var frames = (int)Math.Ceiling(audio.DurationSec * fps);
        var runs = Runs(captions.Cues, frames);
        await MuxAsync(
            Task.FromResult<IFrameSource>(new CaptionedFrames(stream, starts, runs)),
            AudioPreparer.AacPath(workDir),
            videoPath,
            cancellationToken
        );
    }

    /// <summary>Consecutive frames in the same caption state: (state, frame count); state 0 = no caption, k = cue k - 1.</summary>
    internal static IReadOnlyList<(int State, int Frames)> Runs(IReadOnlyList<CaptionCue> cues, int frames)
    {
        var runs = new List<(int State, int Frames)>();
        var cue = 0;
        for (var f = 0; f < frames; f++)
        {
            var t = f / (double)VideoFormat.FramesPerSecond;
            while (cue < cues.Count && cues[cue].End <= t)
                cue++;
            var state = cue < cues.Count && cues[cue].Start <= t ? cue + 1 : 0;
            if (runs.Count > 0 && runs[^1].State == state)
                runs[^1] = (state, runs[^1].Frames + 1);
            else
                runs.Add((state, 1));
        }
        return runs;
    }

    /// <summary>Each run: its state's segment repeated, the last repeat cut after the run's frames.</summary>
    private sealed record CaptionedFrames(byte[] Stream, IReadOnlyList<int> FrameStarts, IReadOnlyList<(int State, int Frames)> Runs)
        : IFrameSource
    {
        public async Task WriteAsync(Stream stdin, CancellationToken cancellationToken)
        {
            var fps = VideoFormat.FramesPerSecond;
            foreach (var (state, frames) in Runs)
            {
                for (var left = frames; left > 0; left -= fps)
                {
                    var first = FrameStarts[state * fps];
                    var endFrame = state * fps + Math.Min(left, fps);
                    var end = endFrame < FrameStarts.Count ? FrameStarts[endFrame] : Stream.Length;
                    await stdin.WriteAsync(Stream.AsMemory(first, end - first), cancellationToken);
                }
            }
        }
    }
}
