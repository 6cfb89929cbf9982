namespace Serverless.Pipeline.Chunking;

/// <summary>
/// The S3 keys of a split job, all under <c>work/&lt;jobId&gt;/</c> (so CleanUpStaging removes them) and derived
/// from the job id and chunk index, so every retry writes the same objects.
/// </summary>
public static class ChunkKeys
{
    /// <summary>The prepared 16 kHz mono speech the planning worker uploads; the chunks are cut from it.</summary>
    public static string Speech(string jobId) => $"work/{jobId}/speech16k.wav";

    public static string ChunkAudio(string jobId, int index) => $"work/{jobId}/chunks/{index}.wav";

    public static string ChunkVideo(string jobId, int index) => $"work/{jobId}/chunks/{index}.mp4";
}
