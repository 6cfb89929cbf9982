using System.Text.RegularExpressions;

namespace Serverless.Captions;

/// <summary>Splits a text into sentences and words (whitespace-separated, punctuation kept on its word). Pure.</summary>
public static partial class TextUnits
{
    public static IReadOnlyList<string> Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The sentences of <paramref name="text"/>: split after a sentence mark followed by whitespace.</summary>
    public static IReadOnlyList<string> Sentences(string text) =>
        [.. SentenceEnd().Split(text.Trim()).Select(s => s.Trim()).Where(s => s.Length > 0)];

    /// <summary>Sentences cut further after clause marks (commas, semicolons, colons, dashes).</summary>
    public static IReadOnlyList<string> Clauses(string text) =>
        [.. Sentences(text).SelectMany(s => ClauseEnd().Split(s)).Select(s => s.Trim()).Where(s => s.Length > 0)];

    /// <summary>Characters a word takes to say, roughly: its letters and digits (at least one).</summary>
    public static double SpokenLength(string word) => Math.Max(1, word.Count(char.IsLetterOrDigit));

    [GeneratedRegex(@"(?<=[.!?…。！？؟।][""'”’»)\]」』]*)\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?<=[,;:—–、，；：،][""'”’»)\]」』]*)\s+")]
    private static partial Regex ClauseEnd();
}
