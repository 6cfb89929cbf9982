namespace Serverless.Captions;

/// <summary>
/// Places words on the speech spans that hold them, in proportion to their weights over the time with sound (the
/// pauses get no words). Each pause between spans is first given to the word boundary nearest to it (a boundary
/// after punctuation counts as nearer), so a word does not straddle a pause the speech made between words. Pure.
/// </summary>
public static class WordPlacer
{
    private const double SentenceBonus = 0.3;
    private const double ClauseBonus = 0.15;
    private const double UnanchoredCost = 0.4;

    public static IReadOnlyList<WordTiming> Place(IReadOnlyList<WeightedWord> words, IReadOnlyList<SpeechSpan> spans)
    {
        if (words.Count == 0)
            return [];
        if (spans.Count == 0)
            throw new ArgumentException("Words need at least one span of speech to be placed on.", nameof(spans));

        var totalWeight = words.Sum(w => Math.Max(w.Weight, 1e-6));
        var speech = spans.Sum(s => s.Duration);
        // Speech-time position of each word boundary (0 … speech).
        var boundaries = new double[words.Count + 1];
        for (var i = 0; i < words.Count; i++)
            boundaries[i + 1] = boundaries[i] + Math.Max(words[i].Weight, 1e-6) / totalWeight * speech;

        var anchors = AnchorPauses(words, boundaries, spans);

        var placed = new List<WordTiming>(words.Count);
        for (var a = 0; a + 1 < anchors.Count; a++)
            PlaceRun(words, anchors[a].Word, anchors[a + 1].Word, spans, anchors[a].Span, anchors[a + 1].Span, placed);
        return placed;
    }

    /// <summary>
    /// Gives each pause between spans the word boundary nearest to it (in speech time, punctuation counting as
    /// nearer), in order, at most one pause per boundary; a pause costs <see cref="UnanchoredCost"/> to leave
    /// within a word (a stop consonant, a breath). Dynamic programming over (pause, boundary).
    /// Returns (word index, span index) pairs from (0, 0) to (words, spans).
    /// </summary>
    private static List<(int Word, int Span)> AnchorPauses(
        IReadOnlyList<WeightedWord> words,
        double[] boundaries,
        IReadOnlyList<SpeechSpan> spans
    )
    {
        int pauses = spans.Count - 1,
            n = words.Count;
        var pausePosition = new double[pauses];
        var at = 0.0;
        for (var p = 0; p < pauses; p++)
            pausePosition[p] = at += spans[p].Duration;

        // cost[p, b]: best cost of the first p pauses with the last anchored boundary b (0 = none yet).
        var cost = new double[pauses + 1, n];
        var from = new int[pauses + 1, n];
        for (var p = 0; p <= pauses; p++)
        for (var b = 0; b < n; b++)
            cost[p, b] = double.PositiveInfinity;
        cost[0, 0] = 0;
        for (var p = 0; p < pauses; p++)
        for (var b = 0; b < n; b++)
        {
            if (double.IsPositiveInfinity(cost[p, b]))
                continue;
            if (cost[p, b] + UnanchoredCost < cost[p + 1, b])
                (cost[p + 1, b], from[p + 1, b]) = (cost[p, b] + UnanchoredCost, -1 - b);
            for (var next = b + 1; next < n; next++)
            {
                var total = cost[p, b] + Math.Max(0, Math.Abs(boundaries[next] - pausePosition[p]) - Bonus(words[next - 1].Text));
                if (total < cost[p + 1, next])
                    (cost[p + 1, next], from[p + 1, next]) = (total, b);
            }
        }

        var last = 0;
        for (var b = 1; b < n; b++)
            if (cost[pauses, b] < cost[pauses, last])
                last = b;
        var anchors = new List<(int Word, int Span)> { (words.Count, spans.Count) };
        for (int p = pauses, b = last; p > 0; p--)
        {
            var previous = from[p, b];
            if (previous >= 0)
            {
                anchors.Add((b, p));
                b = previous;
            }
            else
                b = -1 - previous;
        }
        anchors.Add((0, 0));
        anchors.Reverse();
        return anchors;
    }

    private static double Bonus(string word) =>
        Punctuation.EndsSentence(word) ? SentenceBonus
        : Punctuation.EndsClause(word) ? ClauseBonus
        : 0;

    /// <summary>Words [firstWord, endWord) spread over spans [firstSpan, endSpan) in proportion to their weights.</summary>
    private static void PlaceRun(
        IReadOnlyList<WeightedWord> words,
        int firstWord,
        int endWord,
        IReadOnlyList<SpeechSpan> spans,
        int firstSpan,
        int endSpan,
        List<WordTiming> placed
    )
    {
        if (endWord <= firstWord)
            return;
        var run = spans.Skip(firstSpan).Take(Math.Max(1, endSpan - firstSpan)).ToList();
        var speech = run.Sum(s => s.Duration);
        var weight = 0.0;
        for (var i = firstWord; i < endWord; i++)
            weight += Math.Max(words[i].Weight, 1e-6);
        var at = 0.0;
        for (var i = firstWord; i < endWord; i++)
        {
            var length = Math.Max(words[i].Weight, 1e-6) / weight * speech;
            placed.Add(new WordTiming(words[i].Text, TimeAt(run, at, startOfWord: true), TimeAt(run, at + length, startOfWord: false)));
            at += length;
        }
    }

    /// <summary>The clock time of speech-time position <paramref name="at"/>; a start on a pause goes to the next span.</summary>
    private static double TimeAt(List<SpeechSpan> run, double at, bool startOfWord)
    {
        const double Epsilon = 1e-9;
        foreach (var span in run)
        {
            if (startOfWord ? at < span.Duration - Epsilon : at <= span.Duration + Epsilon)
                return span.Start + Math.Max(0, at);
            at -= span.Duration;
        }
        return run[^1].End;
    }
}
