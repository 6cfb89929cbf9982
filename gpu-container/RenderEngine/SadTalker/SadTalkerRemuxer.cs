using Serverless.Contracts;
using Serverless.RenderEngine.Captions;
using Serverless.RenderEngine.Chunking;
using Serverless.RenderEngine.Media;
using Serverless.RenderEngine.Processes;

namespace Serverless.RenderEngine.SadTalker;

/// <summary>
/// Brings SadTalker's video to the common guarantees: 25 fps constant, even sides, width ≤ 1080, and the original
/// speech (SadTalker resamples it to 16 kHz) as AAC, padding or trimming the last frame to the speech's length.
/// A chunk of a split job also gets the keyframes the copying stitch cuts at. Captions to burn in are drawn in the
/// same encode (it encodes every frame anyway).
/// </summary>
public sealed class SadTalkerRemuxer(Tool ffmpeg)
{
    public Task RemuxAsync(
        string sadTalkerVideo,
        PreparedAudio audio,
        string videoPath,
        bool forStitch,
        CancellationToken cancellationToken,
        BurnIn? captions = null
    )
    {
        var seconds = forStitch ? ExactSeconds(audio) : audio.DurationSec;
        var duration = VideoFormat.Seconds(seconds);
        var burn = captions is null ? "" : "," + BurnedCaptions.Filter(captions.ScriptPath);
        return ffmpeg.RunAsync(
            [
                "-v",
                "error",
                "-y",
                .. MediaInput.Of(sadTalkerVideo, Demuxer.Mp4),
                .. MediaInput.Of(audio.AacPath, Demuxer.Mp4),
                "-map",
                "0:v:0",
                "-map",
                "1:a:0",
                "-vf",
                $"fps={VideoFormat.FramesPerSecond},{VideoFormat.ScaleFilter},tpad=stop_mode=clone:stop_duration={duration}{burn}",
                .. VideoFormat.H264Encoding,
                .. forStitch ? ChunkTiming.KeyFrameArguments(seconds) : [],
                .. VideoFormat.Output(seconds, videoPath),
            ],
            cancellationToken
        );
    }

    /// <summary>
    /// A chunk is exactly as long as its samples (the AAC's length rounds up to whole AAC frames), so that it has the
    /// frames the stitch places and its keyframes fall where the stitch cuts.
    /// </summary>
    private static double ExactSeconds(PreparedAudio audio)
    {
        if (audio.Wav16kPath is not { } path)
            return audio.DurationSec;
        var wav = Pcm16Wav.Read(path);
        return (double)wav.Samples / wav.SampleRate;
    }
}
