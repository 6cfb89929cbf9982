using Serverless.Captions;

namespace Serverless.Pipeline.Tests.Captions;

/// <summary>How far cue starts are from when their first word is truly heard: the median and 95th percentile.</summary>
internal sealed record TimingErrors(int Cues, double Median, double P95, double Max)
{
    /// <param name="words">The words the cues were built from (in order).</param>
    /// <param name="truth">When each of those words truly starts.</param>
    public static TimingErrors Of(IReadOnlyList<CaptionCue> cues, IReadOnlyList<WordTiming> words, IReadOnlyList<double> truth)
    {
        Assert.Equal(words.Count, truth.Count);
        var errors = new List<double>();
        var w = 0;
        foreach (var cue in cues)
        {
            if (!double.IsNaN(truth[w]))
                errors.Add(Math.Abs(cue.Start - truth[w]));
            w += cue.Lines.Sum(l => TextUnits.Words(l).Count);
        }
        Assert.Equal(words.Count, w);
        errors.Sort();
        return new TimingErrors(errors.Count, Percentile(errors, 0.5), Percentile(errors, 0.95), errors[^1]);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

    public override string ToString() => $"{Cues} cues: median {Median:0.000} s, p95 {P95:0.000} s, max {Max:0.000} s";
}
