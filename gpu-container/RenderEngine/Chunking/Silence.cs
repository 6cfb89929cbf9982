namespace Serverless.RenderEngine.Chunking;

/// <summary>A pause in the speech, in samples: [start, end).</summary>
public readonly record struct Silence(long StartSample, long EndSample)
{
    public long MiddleSample => StartSample + (EndSample - StartSample) / 2;
}
