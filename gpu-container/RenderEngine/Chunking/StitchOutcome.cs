namespace Serverless.RenderEngine.Chunking;

/// <summary>What a stitch produced: the joined video's length and where the time went.</summary>
/// <param name="NotCopiedBecause">Null when the chunk bodies were copied and only the cross-fades encoded
/// (<see cref="CopyingStitch"/>); else why the whole video was encoded again.</param>
public sealed record StitchOutcome(double DurationSec, long PrepareMs, long StitchMs, string? NotCopiedBecause)
{
    public bool CopiedBodies => NotCopiedBecause is null;
}
