namespace Serverless.Captions;

/// <summary>
/// Groups timed words into cues (see <see cref="CueRules"/>). A cue starts when its first word is heard, never
/// earlier; it breaks at every pause longer than <see cref="CueRules.MaxPause"/>, at sentence ends, and at clause
/// ends and shorter pauses once it holds some text. It stays up after its last word for reading time (at most
/// <see cref="CueRules.MaxCharactersPerSecond"/>, at least <see cref="CueRules.MinDuration"/>) until the next
/// cue's first word. Pure.
/// </summary>
public static class CueBuilder
{
    /// <summary>Text a cue holds before a clause end or a short pause ends it (about one full line).</summary>
    private const int SoftBreakCharacters = 30;

    public static IReadOnlyList<CaptionCue> Build(IEnumerable<WordTiming> words, CueRules? rules = null)
    {
        rules ??= CueRules.Default;
        var groups = Group(WordSplitter.Normalize(words, rules.MaxLineLength), rules);
        var cues = new List<CaptionCue>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            var lines = LineBreaker.TryBreak([.. group.Select(w => w.Text)], rules)!;
            var start = group[0].Start;
            var characters = lines.Sum(l => l.Length) + lines.Count - 1;
            var wanted = Math.Max(rules.MinDuration, characters / rules.MaxCharactersPerSecond);
            var end = Math.Min(Math.Max(group[^1].End, start + wanted), start + rules.MaxDuration);
            if (i + 1 < groups.Count)
                end = Math.Min(end, groups[i + 1][0].Start);
            if (end <= start)
                end = start + 0.001;
            cues.Add(new CaptionCue(start, end, lines));
        }
        return cues;
    }

    private static List<List<WordTiming>> Group(IReadOnlyList<WordTiming> words, CueRules rules)
    {
        var groups = new List<List<WordTiming>>();
        var current = new List<WordTiming>();
        foreach (var word in words)
        {
            if (current.Count > 0 && (MustBreak(current, word, rules) || ShouldBreak(current, word, rules)))
            {
                groups.Add(current);
                current = [];
            }
            current.Add(word);
        }
        if (current.Count > 0)
            groups.Add(current);
        return groups;
    }

    private static bool MustBreak(List<WordTiming> group, WordTiming next, CueRules rules) =>
        next.Start - group[^1].End > rules.MaxPause
        || next.End - group[0].Start > rules.MaxDuration
        || LineBreaker.TryBreak([.. group.Select(w => w.Text), next.Text], rules) is null;

    private static bool ShouldBreak(List<WordTiming> group, WordTiming next, CueRules rules)
    {
        var last = group[^1];
        var characters = group.Sum(w => w.Text.Length + 1) - 1;
        var duration = last.End - group[0].Start;
        if (Punctuation.EndsSentence(last.Text))
            return characters >= 12 || duration >= rules.MinDuration;
        if (next.Start - last.End > rules.SoftPause || Punctuation.EndsClause(last.Text))
            return characters >= SoftBreakCharacters;
        return false;
    }
}
