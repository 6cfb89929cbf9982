namespace Serverless.Captions;

/// <summary>
/// Aligns a text to speech it does not come with timings for (a supplied recording): the text's sentences are
/// matched to runs of the speech spans between pauses by dynamic programming, each sentence's expected length
/// being its share of the letters at the recording's own speaking rate, and a sentence preferring to start after a
/// long pause; the words of a sentence are then placed
/// on its spans (<see cref="WordPlacer"/>). With fewer spans than sentences, the shortest neighbours are
/// merged first. Pure.
/// </summary>
public static class SentenceAligner
{
    public static IReadOnlyList<WordTiming> Align(string text, IReadOnlyList<SpeechSpan> spans)
    {
        var sentences = TextUnits.Sentences(text).Select(s => TextUnits.Words(s)).Where(w => w.Count > 0).ToList();
        if (sentences.Count == 0 || spans.Count == 0)
            return [];
        while (sentences.Count > spans.Count)
            MergeShortestNeighbours(sentences);

        var lengths = sentences.Select(s => s.Sum(TextUnits.SpokenLength)).ToArray();
        var secondsPerLetter = spans.Sum(s => s.Duration) / lengths.Sum();
        var runs = BestRuns(lengths.Select(l => l * secondsPerLetter).ToArray(), spans);

        var words = new List<WordTiming>();
        for (var i = 0; i < sentences.Count; i++)
        {
            var (first, end) = runs[i];
            var weighted = sentences[i].Select(w => new WeightedWord(w, TextUnits.SpokenLength(w))).ToList();
            words.AddRange(WordPlacer.Place(weighted, [.. spans.Skip(first).Take(end - first)]));
        }
        return words;
    }

    private static void MergeShortestNeighbours(List<IReadOnlyList<string>> sentences)
    {
        var best = 0;
        for (var i = 1; i + 1 < sentences.Count; i++)
            if (sentences[i].Count + sentences[i + 1].Count < sentences[best].Count + sentences[best + 1].Count)
                best = i;
        sentences[best] = [.. sentences[best], .. sentences[best + 1]];
        sentences.RemoveAt(best + 1);
    }

    /// <summary>Sentences end at longer pauses than words do: a sentence starting after a short pause costs more.</summary>
    private static double ShortPausePenalty(IReadOnlyList<SpeechSpan> spans, int first) =>
        first == 0 ? 0 : SentencePausePenalty * Math.Max(0, SentencePause - (spans[first].Start - spans[first - 1].End));

    private const double SentencePause = 0.4;
    private const double SentencePausePenalty = 2.0;

    /// <summary>For each sentence, the spans [first, end) it takes: every sentence at least one, in order, all spans used.</summary>
    private static (int First, int End)[] BestRuns(double[] expected, IReadOnlyList<SpeechSpan> spans)
    {
        int n = expected.Length,
            m = spans.Count;
        var speechBefore = new double[m + 1];
        for (var j = 0; j < m; j++)
            speechBefore[j + 1] = speechBefore[j] + spans[j].Duration;

        var cost = new double[n + 1, m + 1];
        var from = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
        for (var j = 0; j <= m; j++)
            cost[i, j] = double.PositiveInfinity;
        cost[0, 0] = 0;
        for (var i = 1; i <= n; i++)
        for (var j = i; j <= m - (n - i); j++)
        for (var k = i - 1; k < j; k++)
        {
            if (double.IsPositiveInfinity(cost[i - 1, k]))
                continue;
            var miss = speechBefore[j] - speechBefore[k] - expected[i - 1];
            var total = cost[i - 1, k] + miss * miss / Math.Max(expected[i - 1], 0.1) + ShortPausePenalty(spans, k);
            if (total < cost[i, j])
                (cost[i, j], from[i, j]) = (total, k);
        }

        var runs = new (int, int)[n];
        for (int i = n, j = m; i > 0; i--)
        {
            var k = from[i, j];
            runs[i - 1] = (k, j);
            j = k;
        }
        return runs;
    }
}
