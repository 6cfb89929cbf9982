namespace Serverless.RenderEngine.Media;

/// <summary>The one output format every rendered video has.</summary>
public static class VideoFormat
{
    public const int FramesPerSecond = 25;
    public const int MaxWidth = 1080;
    public const string AudioBitrate = "192k";

    /// <summary>Width at most 1080, aspect kept, both sides even, H.264-friendly pixels.</summary>
    public const string ScaleFilter = "scale=w='trunc(min(1080,iw)/2)*2':h=-2,setsar=1,format=yuv420p";

    /// <summary>
    /// The H.264 encoding of SadTalker renders (chunks included) and stitches. The copying stitch encodes its
    /// cross-fades with exactly these, so that every piece it joins has the same decoder setup. superfast: the encode
    /// is on the latency path of every render and shares the GPU host's CPUs with SadTalker; it takes about 40 % less
    /// CPU than veryfast for a somewhat larger file at the same quality (CRF 18).
    /// </summary>
    public static readonly IReadOnlyList<string> H264Encoding =
    [
        "-c:v",
        "libx264",
        "-preset",
        "superfast",
        "-crf",
        "18",
        "-pix_fmt",
        "yuv420p",
    ];

    /// <summary>The end of every ffmpeg command that writes a video: its audio copied, cut at the speech's length, playable while it downloads.</summary>
    public static IReadOnlyList<string> Output(double durationSec, string path) =>
        ["-c:a", "copy", "-t", Seconds(durationSec), "-movflags", "+faststart", path];

    public static string Seconds(double value) => value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
