namespace Serverless.Pipeline.Storage;

/// <summary>Every S3 key the pipeline uses, derived from the job id so each step is idempotent on retry.</summary>
public static class JobKeys
{
    public static string WorkPrefix(string jobId) => $"work/{jobId}/";

    public static string StagedImage(string jobId) => $"work/{jobId}/image";

    public static string StagedAudio(string jobId, string extension) => $"work/{jobId}/audio.{extension}";

    public static string RenderedVideo(string jobId) => $"work/{jobId}/video.mp4";

    public static string RenderedPoster(string jobId) => $"work/{jobId}/poster.jpg";

    public static string OutputVideo(string ns, string jobId) => $"outputs/{ns}/{jobId}.mp4";

    public static string OutputPoster(string ns, string jobId) => $"outputs/{ns}/{jobId}.jpg";
}
