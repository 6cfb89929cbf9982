namespace Serverless.Captions;

/// <summary>Breaks a cue's words into at most two balanced lines, preferring a break after punctuation. Pure.</summary>
public static class LineBreaker
{
    /// <summary>Characters a break after punctuation is worth, in line-length balance.</summary>
    private const int PunctuationBonus = 8;

    /// <summary>The lines of <paramref name="words"/> joined by spaces, or null when they do not fit the rules.</summary>
    public static IReadOnlyList<string>? TryBreak(IReadOnlyList<string> words, CueRules rules)
    {
        if (words.Count == 0)
            return null;
        var whole = string.Join(' ', words);
        if (whole.Length <= rules.MaxLineLength)
            return [whole];
        if (rules.MaxLines < 2)
            return null;

        IReadOnlyList<string>? best = null;
        var bestScore = int.MaxValue;
        for (var split = 1; split < words.Count; split++)
        {
            var top = string.Join(' ', words.Take(split));
            var bottom = string.Join(' ', words.Skip(split));
            if (top.Length > rules.MaxLineLength || bottom.Length > rules.MaxLineLength)
                continue;
            var score = Math.Max(top.Length, bottom.Length) - (EndsClause(top) ? PunctuationBonus : 0);
            if (score < bestScore)
                (best, bestScore) = ([top, bottom], score);
        }
        return best;
    }

    private static bool EndsClause(string line) => Punctuation.EndsClause(line);
}
