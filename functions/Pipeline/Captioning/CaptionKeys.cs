namespace Serverless.Pipeline.Captioning;

/// <summary>The S3 keys of a job's captions: made under <c>work/&lt;jobId&gt;/</c>, published beside the video.</summary>
public static class CaptionKeys
{
    /// <summary>The speech's word timings (JSON), written by SynthesizeSpeech when captions are wanted.</summary>
    public static string Words(string jobId) => $"work/{jobId}/words.json";

    public static string StagedVtt(string jobId) => $"work/{jobId}/captions.vtt";

    public static string StagedSrt(string jobId) => $"work/{jobId}/captions.srt";

    public static string OutputVtt(string ns, string jobId) => $"outputs/{ns}/{jobId}.vtt";

    public static string OutputSrt(string ns, string jobId) => $"outputs/{ns}/{jobId}.srt";
}
