using Serverless.Captions;

namespace Serverless.Captions.Tests;

public sealed class CueBuilderTests
{
    public static TheoryData<int, double> Cases()
    {
        var data = new TheoryData<int, double>();
        foreach (var seed in Enumerable.Range(1, 12))
        foreach (var rate in new[] { 11.0, 15.0, 18.0 })
            data.Add(seed, rate);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_cue_keeps_the_rules_on_many_texts(int seed, double charactersPerSecond)
    {
        var words = SpokenTexts.Timed(SpokenTexts.Long(1500 + 300 * seed, seed), charactersPerSecond, seed);
        var cues = CueBuilder.Build(words);
        AssertRules(words, cues);
    }

    [Fact]
    public void A_ten_thousand_character_text_keeps_every_rule()
    {
        var words = SpokenTexts.Timed(SpokenTexts.Long(10_000, 99));
        var cues = CueBuilder.Build(words);
        Assert.InRange(cues.Count, 100, 600);
        AssertRules(words, cues);
    }

    [Theory]
    [InlineData(SpokenTexts.Arabic)]
    [InlineData(SpokenTexts.Hebrew)]
    [InlineData(SpokenTexts.Japanese)]
    [InlineData(SpokenTexts.Mixed)]
    [InlineData(SpokenTexts.Markup)]
    public void Texts_in_other_scripts_keep_every_rule(string text)
    {
        var words = SpokenTexts.Timed(text);
        AssertRules(words, CueBuilder.Build(words));
    }

    [Fact]
    public void A_cue_never_spans_a_pause_longer_than_half_a_second()
    {
        WordTiming[] words = [new("One", 0.0, 0.3), new("two", 0.32, 0.6), new("three", 1.2, 1.6), new("four", 1.62, 2.0)];
        var cues = CueBuilder.Build(words);
        Assert.Equal(["One two", "three four"], cues.Select(c => c.Text));
        Assert.True(cues[0].End <= 1.2);
    }

    [Fact]
    public void A_cue_breaks_at_the_end_of_a_sentence()
    {
        var words = SpokenTexts.Timed("This is the first sentence here. And this is the second one.", pauseScale: 0, breaths: false);
        var cues = CueBuilder.Build(words);
        Assert.Equal(["This is the first sentence here.", "And this is the second one."], cues.Select(c => c.Text));
    }

    [Fact]
    public void A_short_cue_stays_up_long_enough_to_read()
    {
        WordTiming[] words = [new("Hi.", 1.0, 1.2), new("Welcome", 3.0, 3.4), new("back.", 3.4, 3.7)];
        var cues = CueBuilder.Build(words);
        Assert.Equal(1.0, cues[0].Start);
        Assert.Equal(1.8, cues[0].End, 6);
        Assert.True(cues[1].Characters / cues[1].Duration <= 20);
    }

    [Fact]
    public void A_long_line_is_broken_into_two_balanced_lines()
    {
        var words = SpokenTexts.Timed("Captions that are on time make a video easy to follow without sound", breaths: false);
        var cue = Assert.Single(CueBuilder.Build(words));
        Assert.Equal(2, cue.Lines.Count);
        Assert.InRange(Math.Abs(cue.Lines[0].Length - cue.Lines[1].Length), 0, 10);
    }

    [Fact]
    public void A_word_longer_than_a_line_is_cut_into_line_long_pieces()
    {
        var url = "https://example.com/" + new string('a', 100);
        var cues = CueBuilder.Build([new WordTiming(url, 0, 3)]);
        Assert.All(cues.SelectMany(c => c.Lines), l => Assert.InRange(l.Length, 1, 42));
        Assert.Equal(url, string.Concat(cues.SelectMany(c => c.Lines)));
    }

    /// <summary>Checks every rule of the issue, and that the cues hold exactly the words, in order.</summary>
    internal static void AssertRules(IReadOnlyList<WordTiming> input, IReadOnlyList<CaptionCue> cues, CueRules? rules = null)
    {
        rules ??= CueRules.Default;
        var words = WordSplitter.Normalize(input, rules.MaxLineLength);
        var w = 0;
        for (var c = 0; c < cues.Count; c++)
        {
            var cue = cues[c];
            var next = c + 1 < cues.Count ? cues[c + 1] : null;
            Assert.InRange(cue.Lines.Count, 1, rules.MaxLines);
            Assert.All(cue.Lines, l => Assert.InRange(l.Length, 1, rules.MaxLineLength));
            Assert.True(cue.End > cue.Start);
            Assert.True(cue.Duration <= rules.MaxDuration + 1e-9, $"cue {c} lasts {cue.Duration} s");
            var speechLeavesNoTime = next is not null && Math.Abs(next.Start - cue.End) < 1e-9;
            Assert.True(cue.Duration >= rules.MinDuration - 1e-9 || speechLeavesNoTime, $"cue {c} lasts only {cue.Duration} s");
            Assert.True(
                cue.Characters / cue.Duration <= rules.MaxCharactersPerSecond + 1e-9 || speechLeavesNoTime,
                $"cue {c} asks for {cue.Characters / cue.Duration:0.0} characters per second"
            );
            if (next is not null)
                Assert.True(next.Start >= cue.End - 1e-9, $"cue {c + 1} starts before cue {c} ends");

            var cueWords = cue.Lines.SelectMany(TextUnits.Words).ToList();
            Assert.Equal(words[w].Start, cue.Start, 9); // never before its first word is heard, and not later
            for (var i = 0; i < cueWords.Count; i++, w++)
            {
                Assert.Equal(words[w].Text, cueWords[i]);
                if (i > 0)
                    Assert.True(words[w].Start - words[w - 1].End <= rules.MaxPause + 1e-9, $"cue {c} spans a pause");
            }
            if (w < words.Count)
            {
                var last = words[w - 1];
                var following = words[w];
                var whyItEnded =
                    Punctuation.EndsClause(last.Text)
                    || following.Start - last.End > rules.SoftPause
                    || following.End - cue.Start > rules.MaxDuration
                    || LineBreaker.TryBreak([.. cueWords, following.Text], rules) is null;
                Assert.True(whyItEnded, $"cue {c} ('{cue.Text}') ends at no punctuation, pause or limit");
            }
        }
        Assert.Equal(words.Count, w);
    }
}
