namespace Serverless.RenderEngine.Media;

/// <summary>
/// The arguments that open one input of ffmpeg or ffprobe. Every file the worker opens came from a user or was made
/// from one, so each is opened with the demuxer we chose for it and may read only local files and pipes: a supplied
/// file can never make ffmpeg open a playlist, another file or a URL.
/// </summary>
public static class MediaInput
{
    public const string Protocols = "file,pipe";

    /// <summary>ffmpeg's input options and <c>-i</c> for <paramref name="path"/> (options of the same input, such as <c>-ss</c>, go before these).</summary>
    public static IReadOnlyList<string> Of(string path, string demuxer) => [.. Options(demuxer), "-i", path];

    /// <summary>ffprobe's input: the same options, then the path.</summary>
    public static IReadOnlyList<string> Probe(string path, string demuxer) => [.. Options(demuxer), path];

    /// <summary>
    /// A concat list we wrote ourselves: its entries must be plain names relative to the list (the demuxer's
    /// <c>-safe 1</c>) of MP4 files (the format whitelist applies to the files it opens), read through <c>file</c> only.
    /// </summary>
    public static IReadOnlyList<string> ConcatList(string listPath) =>
        ["-protocol_whitelist", "file", "-format_whitelist", $"concat,{Demuxer.Mp4}", "-f", "concat", "-safe", "1", "-i", listPath];

    private static string[] Options(string demuxer) => ["-protocol_whitelist", Protocols, "-f", demuxer];
}
