namespace Serverless.Captions;

/// <summary>
/// The rules a cue keeps: at most <see cref="MaxLines"/> lines of <see cref="MaxLineLength"/> characters, shown
/// <see cref="MinDuration"/> to <see cref="MaxDuration"/> seconds, read at most <see cref="MaxCharactersPerSecond"/>
/// where the speech leaves the time, never spanning a pause longer than <see cref="MaxPause"/>.
/// </summary>
public sealed record CueRules
{
    public static CueRules Default { get; } = new();

    public int MaxLines { get; init; } = 2;
    public int MaxLineLength { get; init; } = 42;
    public double MinDuration { get; init; } = 0.8;
    public double MaxDuration { get; init; } = 7.0;
    public double MaxCharactersPerSecond { get; init; } = 20;

    /// <summary>A silence longer than this always ends a cue.</summary>
    public double MaxPause { get; init; } = 0.5;

    /// <summary>A silence longer than this ends a cue that already holds a fair amount of text.</summary>
    public double SoftPause { get; init; } = 0.25;
}
