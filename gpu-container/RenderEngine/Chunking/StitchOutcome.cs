namespace Serverless.RenderEngine.Chunking;

/// <summary>What a stitch produced: the joined video's length and where the time went.</summary>
public sealed record StitchOutcome(double DurationSec, long PrepareMs, long StitchMs);
