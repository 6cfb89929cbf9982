namespace Serverless.Captions;

/// <summary>One caption: shown from <see cref="Start"/> to <see cref="End"/> (seconds), one or two lines of plain text.</summary>
public sealed record CaptionCue(double Start, double End, IReadOnlyList<string> Lines)
{
    public string Text => string.Join('\n', Lines);

    public double Duration => End - Start;

    /// <summary>Characters shown (line breaks count as one, like the space they replace).</summary>
    public int Characters => Lines.Sum(l => l.Length) + Lines.Count - 1;
}
