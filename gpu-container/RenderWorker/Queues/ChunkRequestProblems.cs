using Serverless.Contracts;

namespace Serverless.RenderWorker.Queues;

/// <summary>What makes a chunking, chunk or stitch request unusable, checked before any work is done.</summary>
internal static class ChunkRequestProblems
{
    public static string? Of(StitchRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.InstanceId) || string.IsNullOrWhiteSpace(request.JobId))
            return "instanceId and jobId must not be empty";
        // The JSON may say null where the contract does not allow it.
        if (request.Plan is null || request.ChunkVideoUrls is null || request.AudioUrl is null || request.VideoUploadUrl is null)
            return "plan, chunkVideoUrls, audioUrl and videoUploadUrl are required";
        if (request.Plan.Problem() is { } problem)
            return $"the chunk plan is not usable: {problem}";
        if (request.ChunkVideoUrls.Count != request.Plan.Chunks.Count)
            return $"the plan has {request.Plan.Chunks.Count} chunks but {request.ChunkVideoUrls.Count} chunk video URLs were given";
        Uri?[] urls = [request.AudioUrl, request.VideoUploadUrl, .. request.ChunkVideoUrls];
        return urls.Any(u => !IsHttp(u)) || request.PosterUploadUrl is { } poster && !IsHttp(poster)
            ? "every URL must be an absolute http(s) URL"
            : null;
    }

    public static string? OfChunking(RenderRequest request)
    {
        if (
            request.Chunking is { } chunking
            && (
                chunking.SpeechUploadUrl is null
                || chunking.MaxChunkSeconds < 0
                || double.IsNaN(chunking.MaxChunkSeconds)
                || !IsHttp(chunking.SpeechUploadUrl)
            )
        )
            return "chunking needs a non-negative maxChunkSeconds and an absolute http(s) speechUploadUrl";
        if (
            request.Chunk is { } chunk
            && (chunk.Count < 1 || chunk.Index < 0 || chunk.Index >= chunk.Count || chunk.ExistingVideoUrl is { } url && !IsHttp(url))
        )
            return "a chunk needs 0 <= index < count and an absolute http(s) existingVideoUrl when it has one";
        return null;
    }

    private static bool IsHttp(Uri? url) => url is { IsAbsoluteUri: true, Scheme: "http" or "https" };
}
