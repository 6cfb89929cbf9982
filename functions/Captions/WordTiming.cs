namespace Serverless.Captions;

/// <summary>One spoken word (with its punctuation) and when it is heard, in seconds from the start of the speech.</summary>
public sealed record WordTiming(string Text, double Start, double End);
