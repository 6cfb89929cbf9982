namespace Serverless.RenderEngine.Media;

/// <summary>
/// The ffmpeg demuxers (<c>-f</c>) we open files with, named the same in ffmpeg 4.4 (the container's) and 5.1. A
/// named demuxer is never chosen by probing, so a file cannot turn itself into a playlist or a list of other files.
/// </summary>
public static class Demuxer
{
    public const string Wav = "wav";
    public const string Mp3 = "mp3";

    /// <summary>Raw ADTS AAC.</summary>
    public const string Adts = "aac";

    /// <summary>MP4, M4A and QuickTime (ffmpeg's <c>mov,mp4,m4a,3gp,3g2,mj2</c>); its external references (drefs) are off by default.</summary>
    public const string Mp4 = "mov";
    public const string Ogg = "ogg";
    public const string Flac = "flac";

    /// <summary>Matroska and WebM.</summary>
    public const string Matroska = "matroska";
    public const string Png = "png_pipe";
    public const string Jpeg = "jpeg_pipe";
    public const string WebP = "webp_pipe";
    public const string H264 = "h264";

    /// <summary>For an image format of <see cref="ImageFormat.Detect"/>.</summary>
    public static string ForImage(string imageFormat) =>
        imageFormat switch
        {
            "png" => Png,
            "jpeg" => Jpeg,
            "webp" => WebP,
            _ => throw new ArgumentOutOfRangeException(nameof(imageFormat), imageFormat, "Not an image format we accept."),
        };
}
