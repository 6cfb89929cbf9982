using Serverless.Captions;

namespace Serverless.Captions.Tests;

/// <summary>Texts and synthetic timings of them: words spoken at a steady rate, with pauses after punctuation.</summary>
internal static class SpokenTexts
{
    public const string Markup = "Use <b>bold</b> & <i>care</i>: a --> b is not a cue line, nor is 00:00:01,000 --> 00:00:02,000 {\\an8}.";
    public const string Arabic = "مرحبا بكم في هذا الفيديو. نحن نتحدث عن الترجمة والتوقيت، وعن النص من اليمين إلى اليسار.";
    public const string Hebrew = "שלום לכולם! זהו סרטון קצר על כתוביות, שנכתבות מימין לשמאל.";
    public const string Japanese = "こんにちは。これは字幕のテストです。句読点で区切られますが、単語の間に空白はありません。";
    public const string Mixed =
        "Grüße aus Zürich 👋🏽 — naïve café, déjà vu. Ελληνικά και русский текст, 中文也可以。 Hindi: नमस्ते दुनिया।";

    /// <summary>A text of about <paramref name="characters"/> characters, of sentences of varied length and punctuation.</summary>
    public static string Long(int characters, int seed = 7)
    {
        var random = new Random(seed);
        string[] vocabulary =
        [
            "the",
            "speech",
            "timing",
            "of",
            "every",
            "caption",
            "follows",
            "closely",
            "extraordinarily",
            "a",
            "video",
            "is",
            "watched",
            "muted",
            "in",
            "feeds",
            "so",
            "viewers",
            "read",
            "what",
            "they",
            "cannot",
            "hear",
            "and",
            "international",
            "we",
            "know",
            "text",
            "well",
            "internationalization",
        ];
        var text = new System.Text.StringBuilder();
        while (text.Length < characters)
        {
            var words = random.Next(2, 30);
            for (var i = 0; i < words; i++)
            {
                var word = vocabulary[random.Next(vocabulary.Length)];
                text.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
                text.Append(
                    i == words - 1 ? ". !?"[random.Next(3) == 0 ? 2 : 0]
                    : random.Next(8) == 0 ? ','
                    : ' '
                );
                if (text[^1] != ' ')
                    text.Append(' ');
            }
        }
        return text.ToString().Trim();
    }

    /// <summary>Timed words: each word takes its letters at <paramref name="charactersPerSecond"/>, pauses follow punctuation.</summary>
    public static IReadOnlyList<WordTiming> Timed(
        string text,
        double charactersPerSecond = 15,
        int seed = 3,
        double pauseScale = 1,
        bool breaths = true
    )
    {
        var random = new Random(seed);
        var words = new List<WordTiming>();
        var at = 0.3;
        foreach (var word in TextUnits.Words(text))
        {
            var duration = Math.Max(0.12, (word.Length + 1) / charactersPerSecond * (0.8 + 0.4 * random.NextDouble()));
            words.Add(new WordTiming(word, at, at + duration));
            at += duration;
            at +=
                Punctuation.EndsSentence(word) ? pauseScale * (0.3 + 0.5 * random.NextDouble())
                : Punctuation.EndsClause(word) ? pauseScale * (0.1 + 0.4 * random.NextDouble())
                : breaths && random.Next(20) == 0 ? 0.6
                : 0.02;
        }
        return words;
    }
}
