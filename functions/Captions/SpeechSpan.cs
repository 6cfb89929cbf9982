namespace Serverless.Captions;

/// <summary>A stretch of sound between pauses, in seconds.</summary>
public readonly record struct SpeechSpan(double Start, double End)
{
    public double Duration => End - Start;
}
