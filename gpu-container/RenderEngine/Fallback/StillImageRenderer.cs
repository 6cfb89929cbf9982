using System.Globalization;
using CliWrap;
using Serverless.RenderEngine.Captions;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.Fallback;

/// <summary>
/// The ffmpeg still-image video. Encoding every frame of a still is wasted work: one second of it is encoded
/// once (a closed GOP) and repeated by stream copy for the length of the speech, so the cost barely grows with
/// the duration. Most of what is left is starting ffmpeg, so the muxer is started with the encoders and waits
/// for them on its stdin.
/// </summary>
public sealed partial class StillImageRenderer(Tool ffmpeg)
{
    private static readonly string Fps = VideoFormat.FramesPerSecond.ToString(CultureInfo.InvariantCulture);

    /// <param name="imageDemuxer">The <see cref="Demuxer"/> for the image's format (validated from its bytes).</param>
    /// <param name="preparing">The speech being prepared meanwhile (into <see cref="AudioPreparer.AacPath"/>).</param>
    public async Task RenderAsync(
        string imagePath,
        string imageDemuxer,
        Task<PreparedAudio> preparing,
        string videoPath,
        string posterPath,
        string workDir,
        CancellationToken cancellationToken,
        BurnIn? captions = null
    )
    {
        if (captions is not null)
        {
            await RenderCaptionedAsync(imagePath, imageDemuxer, preparing, videoPath, posterPath, workDir, captions, cancellationToken);
            return;
        }
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var segmentPath = Path.Combine(workDir, "still.h264");
        var loopedVideo = new TaskCompletionSource<IFrameSource>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The segment is on the critical path, so it starts first.
        var segment = EncodeSegmentAsync(imagePath, imageDemuxer, segmentPath, posterPath, abort.Token);
        var mux = MuxAsync(loopedVideo.Task, AudioPreparer.AacPath(workDir), videoPath, abort.Token);
        try
        {
            await segment;
            var audio = await preparing;
            // Rounding up keeps the whole speech; the video ends within one frame of it.
            var frames = (int)Math.Ceiling(audio.DurationSec * VideoFormat.FramesPerSecond);
            loopedVideo.SetResult(LoopedSegment.Of(await File.ReadAllBytesAsync(segmentPath, abort.Token), frames));
            await mux;
        }
        catch
        {
            loopedVideo.TrySetCanceled();
            await abort.CancelAsync();
            await Task.WhenAny(Task.WhenAll(segment, mux));
            throw;
        }
    }

    /// <summary>One second of the picture (decoded and scaled once, repeated by the loop filter) and the poster, from one process.</summary>
    private Task EncodeSegmentAsync(
        string imagePath,
        string imageDemuxer,
        string segmentPath,
        string posterPath,
        CancellationToken cancellationToken
    ) =>
        ffmpeg.RunAsync(
            SegmentArguments(
                imagePath,
                imageDemuxer,
                $"[0:v]{VideoFormat.ScaleFilter},loop=loop={VideoFormat.FramesPerSecond - 1}:size=1:start=0,split[video][poster]",
                VideoFormat.FramesPerSecond,
                posterPath,
                segmentPath
            ),
            cancellationToken
        );

    /// <summary>
    /// ffmpeg's arguments for <paramref name="frames"/> frames of the picture (the filter graph makes <c>[video]</c>
    /// and <c>[poster]</c>) as raw H.264 segments of one second each, and the poster.
    /// </summary>
    private static string[] SegmentArguments(
        string imagePath,
        string imageDemuxer,
        string filterGraph,
        int frames,
        string posterPath,
        string outputPath
    ) =>
        [
            "-v",
            "error",
            "-y",
            "-framerate",
            Fps,
            .. MediaInput.Of(imagePath, imageDemuxer),
            "-filter_complex",
            filterGraph,
            "-map",
            "[poster]",
            "-frames:v",
            "1",
            "-q:v",
            "3",
            posterPath,
            "-map",
            "[video]",
            "-frames:v",
            frames.ToString(CultureInfo.InvariantCulture),
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-tune",
            "stillimage",
            "-crf",
            "18",
            // Closed GOPs of exactly one second without B-frames, so any whole number of frames can be cut from
            // the repeated stream; delimiters mark where each frame starts.
            "-bf",
            "0",
            "-g",
            Fps,
            "-keyint_min",
            Fps,
            "-sc_threshold",
            "0",
            "-x264-params",
            "aud=1",
            "-an",
            "-f",
            "h264",
            outputPath,
        ];

    /// <summary>What the muxer reads as its H.264 input.</summary>
    private interface IFrameSource
    {
        Task WriteAsync(Stream stdin, CancellationToken cancellationToken);
    }

    private Task MuxAsync(Task<IFrameSource> loopedVideo, string aacPath, string videoPath, CancellationToken cancellationToken) =>
        ffmpeg.RunAsync(
            [
                "-v",
                "error",
                "-y",
                // ffmpeg opens its inputs in order, so the AAC file is opened once the video starts arriving.
                "-thread_queue_size",
                "4096",
                "-framerate",
                Fps,
                .. MediaInput.Of("pipe:0", Demuxer.H264),
                .. MediaInput.Of(aacPath, Demuxer.Mp4),
                "-map",
                "0:v:0",
                "-map",
                "1:a:0",
                "-c",
                "copy",
                "-movflags",
                "+faststart",
                videoPath,
            ],
            cancellationToken,
            PipeSource.Create(async (stdin, token) => await (await loopedVideo.WaitAsync(token)).WriteAsync(stdin, token))
        );

    /// <summary>The segment repeated, cut after <see cref="Frames"/> frames.</summary>
    private sealed record LoopedSegment(byte[] Segment, IReadOnlyList<int> FrameStarts, int Frames) : IFrameSource
    {
        public static LoopedSegment Of(byte[] segment, int frames)
        {
            var starts = H264AccessUnits.Starts(segment);
            return starts.Count == VideoFormat.FramesPerSecond
                ? new LoopedSegment(segment, starts, frames)
                : throw new InvalidOperationException($"The still segment has {starts.Count} frames, not {VideoFormat.FramesPerSecond}.");
        }

        public async Task WriteAsync(Stream stdin, CancellationToken cancellationToken)
        {
            for (var written = 0; written + FrameStarts.Count <= Frames; written += FrameStarts.Count)
                await stdin.WriteAsync(Segment, cancellationToken);
            var rest = Frames % FrameStarts.Count;
            if (rest > 0)
                await stdin.WriteAsync(Segment.AsMemory(0, FrameStarts[rest]), cancellationToken);
        }
    }
}
