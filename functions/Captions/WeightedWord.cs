namespace Serverless.Captions;

/// <summary>A word to be placed in time, with how long it is expected to take relative to the others (characters, phonemes).</summary>
public readonly record struct WeightedWord(string Text, double Weight);
