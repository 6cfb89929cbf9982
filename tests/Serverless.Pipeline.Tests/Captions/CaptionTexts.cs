namespace Serverless.Pipeline.Tests.Captions;

/// <summary>Deterministic English texts of a given length: sentences of varied length, some commas.</summary>
internal static class CaptionTexts
{
    private static readonly string[] s_words =
    [
        "the",
        "speech",
        "timing",
        "of",
        "every",
        "caption",
        "follows",
        "closely",
        "remarkable",
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
        "people",
        "we",
        "know",
        "text",
        "well",
        "morning",
        "weather",
        "station",
        "river",
        "garden",
        "yellow",
        "seven",
    ];

    public static string Of(int characters, int seed = 11)
    {
        var random = new Random(seed);
        var text = new System.Text.StringBuilder();
        while (text.Length < characters)
        {
            var count = random.Next(3, 22);
            for (var i = 0; i < count; i++)
            {
                var word = s_words[random.Next(s_words.Length)];
                text.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
                text.Append(
                    i == count - 1 ? (random.Next(4) == 0 ? "? " : ". ")
                    : random.Next(7) == 0 && i > 1 ? ", "
                    : " "
                );
            }
        }
        return text.ToString().Trim();
    }
}
