using System.Globalization;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Chunking;

/// <summary>
/// The fast way to join chunk videos: each chunk's body (the frames no cross-fade touches) is copied as it is, and
/// only the short cross-fades are encoded, so the stitch costs a few frames per cut instead of the whole video.
/// It needs chunk videos made for it (keyframes where their bodies start and end, one encoder setup, as the worker
/// renders chunks: <see cref="ChunkTiming.KeyFrameArguments"/>); for any other chunks it declines, and the stitcher
/// encodes the whole video instead.
/// </summary>
public sealed class CopyingStitch(Tool ffmpeg, Tool ffprobe)
{
    /// <summary>
    /// Writes the joined video (video and the prepared speech, awaited only when the pieces are ready) to the
    /// input's path and returns null; or returns why the chunks cannot be joined by copying (nothing usable
    /// written). A failing ffmpeg throws <see cref="ToolFailedException"/>.
    /// </summary>
    public async Task<string?> TryRunAsync(
        StitchInput input,
        IReadOnlyList<ChunkSpan> spans,
        Task<PreparedAudio> speech,
        string workDir,
        CancellationToken cancellationToken
    )
    {
        var chunks = await Task.WhenAll(input.ChunkVideoPaths.Select(path => VideoKeyFrames.ProbeAsync(ffprobe, path, cancellationToken)));
        if (NotCopyable(chunks, spans) is { } why)
            return why;

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        var bodies = spans.Select((_, i) => Path.Combine(workDir, $"body-{i}.mp4")).ToList();
        var fades = spans.SkipLast(1).Select((_, i) => Path.Combine(workDir, $"fade-{i}.mp4")).ToList();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, spans.Count + fades.Count),
            parallel,
            async (n, token) =>
            {
                if (n < spans.Count)
                    await CopyBodyAsync(input.ChunkVideoPaths[n], spans[n], bodies[n], token);
                else
                    await EncodeFadeAsync(input.ChunkVideoPaths, spans, n - spans.Count, fades[n - spans.Count], token);
            }
        );
        // The fades must decode with the chunks' setup: an encoder that decided otherwise makes the copy unusable.
        var config = chunks[0]!.DecoderConfig;
        foreach (var fade in fades)
            if ((await VideoKeyFrames.ProbeAsync(ffprobe, fade, cancellationToken))?.DecoderConfig != config)
                return "a cross-fade was encoded with another decoder setup than the chunks";

        var audio = await speech;
        var list = Path.Combine(workDir, "pieces.txt");
        var pieces = bodies.SelectMany((body, i) => i < fades.Count ? new[] { body, fades[i] } : [body]);
        // Names relative to the list, as the concat demuxer's safe mode requires: the pieces are written beside it.
        await File.WriteAllLinesAsync(list, pieces.Select(path => $"file '{Path.GetFileName(path)}'"), cancellationToken);
        await ffmpeg.RunAsync(
            [
                "-v",
                "error",
                "-y",
                .. MediaInput.ConcatList(list),
                .. MediaInput.Of(audio.AacPath, Demuxer.Mp4),
                "-map",
                "0:v:0",
                "-map",
                "1:a:0",
                "-c:v",
                "copy",
                .. VideoFormat.Output(audio.DurationSec, input.VideoPath),
            ],
            cancellationToken
        );
        return null;
    }

    /// <summary>Why not every chunk is H.264 of the planned length with keyframes where its body starts and ends, all of one setup.</summary>
    private static string? NotCopyable(VideoKeyFrames?[] chunks, IReadOnlyList<ChunkSpan> spans)
    {
        var config = chunks.FirstOrDefault()?.DecoderConfig;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (chunks[i] is not { Codec: "h264", DecoderConfig.Length: > 0 } chunk)
                return $"chunk {i} is not H.264";
            if (chunk.DecoderConfig != config)
                return $"chunk {i} has another decoder setup than chunk 0";
            if (chunk.Frames != span.Frames)
                return $"chunk {i} has {chunk.Frames} frames, not {span.Frames}";
            long[] needed = i == spans.Count - 1 ? [0, span.Lead] : [0, span.Lead, span.BodyEnd];
            if (needed.FirstOrDefault(n => !chunk.KeyFrames.Contains(n), -1) is var missing and >= 0)
                return $"chunk {i} has no keyframe at frame {missing}";
        }
        return null;
    }

    /// <summary>
    /// The body's packets, copied: it starts on a keyframe and the next keyframe (a closed GOP) is where it ends,
    /// so its first frames in decoding order are exactly its frames.
    /// </summary>
    private Task CopyBodyAsync(string chunk, ChunkSpan span, string body, CancellationToken cancellationToken) =>
        ffmpeg.RunAsync(
            [
                "-v",
                "error",
                "-y",
                "-ss",
                Time(span.Lead),
                .. MediaInput.Of(chunk, Demuxer.Mp4),
                "-map",
                "0:v:0",
                "-c",
                "copy",
                "-frames:v",
                span.BodyFrames.ToString(CultureInfo.InvariantCulture),
                body,
            ],
            cancellationToken
        );

    /// <summary>The cross-fade from chunk <paramref name="i"/> into the next, blended as <see cref="StitchGraph"/> does and encoded like the chunks.</summary>
    private Task EncodeFadeAsync(
        IReadOnlyList<string> chunks,
        IReadOnlyList<ChunkSpan> spans,
        int i,
        string fade,
        CancellationToken cancellationToken
    )
    {
        var frames = spans[i].TailFrames;
        var normalise = $"fps={VideoFormat.FramesPerSecond},setsar=1,format=yuv420p,setpts=PTS-STARTPTS";
        return ffmpeg.RunAsync(
            [
                "-v",
                "error",
                "-y",
                "-ss",
                Time(spans[i].BodyEnd),
                .. MediaInput.Of(chunks[i], Demuxer.Mp4),
                .. MediaInput.Of(chunks[i + 1], Demuxer.Mp4),
                "-filter_complex",
                $"[0:v]{normalise},tpad=stop_mode=clone:stop={frames},trim=end_frame={frames},setpts=PTS-STARTPTS[a];"
                    + $"[1:v]{normalise},trim=end_frame={frames},setpts=PTS-STARTPTS[b];"
                    + $"[a][b]xfade=transition=fade:duration={Time(frames)}:offset=0,format=yuv420p[v]",
                "-map",
                "[v]",
                "-an",
                "-r",
                VideoFormat.FramesPerSecond.ToString(CultureInfo.InvariantCulture),
                .. VideoFormat.H264Encoding,
                "-forced-idr",
                "1",
                fade,
            ],
            cancellationToken
        );
    }

    private static string Time(long frames) =>
        (frames / (double)VideoFormat.FramesPerSecond).ToString("0.####", CultureInfo.InvariantCulture);
}
