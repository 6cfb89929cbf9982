namespace Serverless.Pipeline.Chunking;

/// <summary>
/// The S3 keys of a split job, all under <c>work/&lt;jobId&gt;/</c> (so CleanUpStaging removes them) and derived
/// from the job id, the plan's <see cref="Contracts.ChunkPlan.Fingerprint"/> and the chunk index, so every retry
/// writes the same objects and a different plan of the same job never meets them.
/// </summary>
public static class ChunkKeys
{
    /// <summary>The prepared 16 kHz mono speech the planning worker uploads; the chunks are cut from it.</summary>
    public static string Speech(string jobId) => $"work/{jobId}/speech16k.wav";

    public static string ChunkAudio(string jobId, string planId, int index) => $"work/{jobId}/chunks/{planId}/{index}.wav";

    public static string ChunkVideo(string jobId, string planId, int index) => $"work/{jobId}/chunks/{planId}/{index}.mp4";
}
