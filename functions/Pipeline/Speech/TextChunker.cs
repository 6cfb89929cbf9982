using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Pipeline.Speech;

/// <summary>
/// Splits a text into chunks of at most a given length: at sentence boundaries when it can, at word
/// boundaries for a sentence that is too long by itself, and hard cuts for a word that is. Pure.
/// </summary>
public static partial class TextChunker
{
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        text = text.Trim();
        if (text.Length <= maxLength)
            return [text];

        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var piece in Sentences(text).SelectMany(s => s.Length <= maxLength ? [s] : SplitLong(s, maxLength)))
        {
            var separatorLength = current.Length == 0 ? 0 : 1;
            if (current.Length + separatorLength + piece.Length > maxLength)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }
            if (current.Length > 0)
                current.Append(' ');
            current.Append(piece);
        }
        if (current.Length > 0)
            chunks.Add(current.ToString());
        return chunks;
    }

    private static IEnumerable<string> Sentences(string text) => SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static IEnumerable<string> SplitLong(string sentence, int maxLength)
    {
        var current = new StringBuilder();
        foreach (var word in sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length > maxLength)
            {
                if (current.Length > 0)
                    yield return current.ToString();
                current.Clear();
                for (var i = 0; i < word.Length; i += maxLength)
                    yield return word.Substring(i, Math.Min(maxLength, word.Length - i));
                continue;
            }
            if (current.Length + (current.Length == 0 ? 0 : 1) + word.Length > maxLength)
            {
                yield return current.ToString();
                current.Clear();
            }
            if (current.Length > 0)
                current.Append(' ');
            current.Append(word);
        }
        if (current.Length > 0)
            yield return current.ToString();
    }

    /// <summary>Whitespace after a sentence-ending mark (optionally followed by closing quotes or brackets).</summary>
    [GeneratedRegex(@"(?<=[.!?…。！？][""'”’)\]]*)\s+")]
    private static partial Regex SentenceEnd();
}
