namespace Serverless.Contracts;

/// <summary>
/// Content types of the rendered files. The presigned PUT URLs are signed for them, so the worker must upload
/// with exactly these, and the pipeline publishes the outputs with them too.
/// </summary>
public static class RenderMediaTypes
{
    public const string Video = "video/mp4";
    public const string Poster = "image/jpeg";
}
