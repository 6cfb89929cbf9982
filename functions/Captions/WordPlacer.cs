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

        // Anchor each pause to a word boundary: (word index, span index after the pause).
        var anchors = new List<(int Word, int Span)> { (0, 0) };
        var spanEnd = 0.0;
        for (var s = 0; s + 1 < spans.Count; s++)
        {
            spanEnd += spans[s].Duration;
            var after = anchors[^1].Word + 1;
            if (after >= words.Count)
                break;
            var best = after;
            var bestDistance = double.MaxValue;
            for (var b = after; b < words.Count; b++)
            {
                var distance = Math.Abs(boundaries[b] - spanEnd) - Bonus(words[b - 1].Text);
                if (distance < bestDistance)
                    (best, bestDistance) = (b, distance);
                if (boundaries[b] - spanEnd > bestDistance + SentenceBonus)
                    break;
            }
            anchors.Add((best, s + 1));
        }
        anchors.Add((words.Count, spans.Count));

        var placed = new List<WordTiming>(words.Count);
        for (var a = 0; a + 1 < anchors.Count; a++)
            PlaceRun(words, anchors[a].Word, anchors[a + 1].Word, spans, anchors[a].Span, anchors[a + 1].Span, placed);
        return placed;
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
