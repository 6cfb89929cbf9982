namespace Serverless.Contracts;

/// <summary>
/// Content types of the rendered files. The presigned PUT URLs are signed for them, so the worker must upload
/// with exactly these, and the pipeline publishes the outputs with them too.
/// </summary>
public static class RenderMediaTypes
{
    public const string Video = "video/mp4";
    public const string Poster = "image/jpeg";

    /// <summary>The prepared speech of a planned job (16 kHz mono 16-bit PCM) and its chunks.</summary>
    public const string Speech = "audio/wav";
}
