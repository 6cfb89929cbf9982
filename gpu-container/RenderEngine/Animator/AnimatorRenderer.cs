using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using CliWrap;
using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.RenderEngine.Animator.Face;
using Serverless.RenderEngine.Captions;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;
using SkiaSharp;

namespace Serverless.RenderEngine.Animator;

/// <summary>
/// The CPU talking head: the portrait's face found once, then every frame drawn (mouth from the speech's loudness,
/// blinks, head motion) and streamed as raw pixels into ffmpeg, which encodes it with the prepared AAC track. A few
/// frame buffers (YUV 4:2:0, see <see cref="Yuv420Converter"/>) are reused, so memory does not grow with the speech's length. A portrait without a usable face
/// fails with <see cref="RenderErrorCode.NoFace"/>.
/// </summary>
public sealed class AnimatorRenderer(Tool ffmpeg, PortraitDecoder decoder, IFaceFinder finder, ILogger<AnimatorRenderer> logger)
{
    private const int MaxLanes = 4;
    private const int BuffersPerLane = 2;
    private static readonly string Fps = VideoFormat.FramesPerSecond.ToString(CultureInfo.InvariantCulture);

    /// <summary>Decodes the portrait and finds its face; fails with <c>no_face</c> when there is none to animate.</summary>
    public async Task<AnimatorPortrait> PrepareAsync(string imagePath, CancellationToken cancellationToken)
    {
        var portrait = await decoder.DecodeAsync(imagePath, cancellationToken);
        var search = await Task.Run(() => finder.Find(portrait.ToGray(), cancellationToken), cancellationToken);
        if (search.Face is not { } face)
            throw NoFace(search.NoFaceReason ?? "no face was found in the portrait");
        if (face.Points.Count != FaceLandmarks.Count)
            throw NoFace($"the face finder gave {face.Points.Count} points, not {FaceLandmarks.Count}");
        var rig = FaceRig.Build(face);
        if (rig.EyeDistance < MinEyeDistance)
            throw NoFace($"the face is too small to animate ({rig.EyeDistance:0} px between the eyes, at least {MinEyeDistance} needed)");
        return new AnimatorPortrait(portrait, rig);
    }

    /// <summary>Eyes closer than this (in pixels of the video) leave too few pixels to move a mouth.</summary>
    public const int MinEyeDistance = 12;

    /// <summary>Writes the video (no poster) of <paramref name="audio"/>; the poster is its first frame.</summary>
    public async Task RenderAsync(
        AnimatorPortrait prepared,
        PreparedAudio audio,
        int seed,
        string videoPath,
        string posterPath,
        CancellationToken cancellationToken,
        BurnIn? captions = null
    )
    {
        var wav = audio.Wav16kPath ?? throw new InvalidOperationException("The animator needs the 16 kHz WAV of the speech.");
        var portrait = prepared.Portrait;
        var frames = (int)Math.Ceiling(audio.DurationSec * VideoFormat.FramesPerSecond - 1e-6);
        var speech = SpeechEnvelope.FromWav(wav, frames, VideoFormat.FramesPerSecond);
        var rig = prepared.Rig;
        var head = new HeadMotion(seed, portrait.Width, portrait.Height, rig.EyeDistance);
        var blinks = new BlinkSchedule(seed, frames, VideoFormat.FramesPerSecond);

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var converter = new Yuv420Converter(portrait.Width, portrait.Height, portrait.ColorType);
        // Frames are drawn on a few threads at once, frame f on lane f % lanes, and written back in order.
        var lanes = Enumerable
            .Range(0, Math.Clamp(Environment.ProcessorCount, 1, MaxLanes))
            .Select(_ => FrameLane.Create(BuffersPerLane, converter.FrameBytes))
            .ToArray();
        var drawing = lanes
            .Select(
                (lane, index) =>
                    Task.Run(
                        () =>
                            Draw(
                                prepared,
                                converter,
                                speech,
                                head,
                                blinks,
                                new FrameRange(index, frames, lanes.Length),
                                index == 0 ? posterPath : null,
                                lane,
                                abort.Token
                            ),
                        abort.Token
                    )
            )
            .ToArray();
        var encoding = EncodeAsync(portrait, audio, videoPath, lanes, frames, captions, abort.Token);
        try
        {
            await Task.WhenAll(drawing);
            await encoding;
        }
        catch
        {
            await abort.CancelAsync();
            foreach (var lane in lanes)
                lane.Filled.Writer.TryComplete();
            await Task.WhenAny(Task.WhenAll([.. drawing, encoding]));
            throw;
        }
        logger.LogInformation(
            "Animated {Frames} frames of {Width}x{Height} ({Blinks} blinks)",
            frames,
            portrait.Width,
            portrait.Height,
            blinks.Starts.Count
        );
    }

    private static async Task Draw(
        AnimatorPortrait prepared,
        Yuv420Converter converter,
        SpeechEnvelope speech,
        HeadMotion head,
        BlinkSchedule blinks,
        FrameRange range,
        string? posterPath,
        FrameLane lane,
        CancellationToken cancellationToken
    )
    {
        var info = prepared.Portrait.Info;
        using var drawer = new FrameDrawer(prepared.Portrait, prepared.Rig);
        var pixels = GC.AllocateUninitializedArray<byte>(info.BytesSize, pinned: true);
        using var surface = SKSurface.Create(info, Marshal.UnsafeAddrOfPinnedArrayElement(pixels, 0), info.RowBytes);
        try
        {
            for (var f = range.First; f < range.End; f += range.Step)
            {
                drawer.Draw(surface.Canvas, head.At(f, speech.Emphasis[f], VideoFormat.FramesPerSecond), speech.Open[f], blinks.At(f));
                surface.Flush();
                if (f == 0 && posterPath is not null)
                    WritePoster(surface, posterPath);
                var buffer = await lane.Free.Reader.ReadAsync(cancellationToken);
                converter.Convert(pixels, buffer);
                await lane.Filled.Writer.WriteAsync(buffer, cancellationToken);
            }
        }
        finally
        {
            lane.Filled.Writer.TryComplete();
        }
    }

    private static void WritePoster(SKSurface surface, string posterPath)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        using var file = File.Create(posterPath);
        data.SaveTo(file);
    }

    private Task EncodeAsync(
        DecodedPortrait portrait,
        PreparedAudio audio,
        string videoPath,
        FrameLane[] lanes,
        int frames,
        BurnIn? captions,
        CancellationToken cancellationToken
    ) =>
        ffmpeg.RunAsync(
            [
                "-v",
                "error",
                "-y",
                "-protocol_whitelist",
                "file,pipe",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "yuv420p",
                "-s",
                string.Create(CultureInfo.InvariantCulture, $"{portrait.Width}x{portrait.Height}"),
                "-r",
                Fps,
                "-i",
                "pipe:0",
                .. MediaInput.Of(Path.GetFullPath(audio.AacPath), Demuxer.Mp4),
                "-map",
                "0:v:0",
                "-map",
                "1:a:0",
                // Captions are drawn by the encode that takes the frames anyway (libass), not by a second one.
                .. (captions is null ? [] : new[] { "-vf", BurnedCaptions.Filter(captions.ScriptPath) }),
                .. AnimatorEncoding.H264,
                .. VideoFormat.Output(audio.DurationSec, videoPath),
            ],
            cancellationToken,
            PipeSource.Create(
                async (stdin, token) =>
                {
                    for (var f = 0; f < frames; f++)
                    {
                        var lane = lanes[f % lanes.Length];
                        var buffer = await lane.Filled.Reader.ReadAsync(token);
                        await stdin.WriteAsync(buffer, token);
                        await lane.Free.Writer.WriteAsync(buffer, token);
                    }
                }
            )
        );

    private static RenderFailedException NoFace(string reason) =>
        new(new RenderError { Code = RenderErrorCode.NoFace, Message = $"The portrait cannot be animated: {reason}." });
}
