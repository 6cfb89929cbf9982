namespace Serverless.Captions;

/// <summary>
/// Makes timed words fit a cue: drops empty ones, keeps times ordered, and cuts a word longer than a line (a URL,
/// or text in a script written without spaces) into line-long pieces timed in proportion to their length. Pure.
/// </summary>
public static class WordSplitter
{
    public static IReadOnlyList<WordTiming> Normalize(IEnumerable<WordTiming> words, int maxLength)
    {
        var result = new List<WordTiming>();
        var floor = 0.0;
        foreach (var word in words)
        {
            var text = word.Text.Trim();
            if (text.Length == 0)
                continue;
            var start = Math.Max(Math.Max(0, word.Start), floor);
            var end = Math.Max(word.End, start);
            floor = start;
            if (text.Length <= maxLength)
            {
                result.Add(new WordTiming(text, start, end));
                continue;
            }
            var pieces = Cut(text, maxLength);
            var at = 0;
            foreach (var piece in pieces)
            {
                var pieceStart = start + (end - start) * at / text.Length;
                at += piece.Length;
                result.Add(new WordTiming(piece, pieceStart, start + (end - start) * at / text.Length));
            }
        }
        return result;
    }

    /// <summary>Pieces of at most <paramref name="maxLength"/> characters that never split a surrogate pair.</summary>
    public static IReadOnlyList<string> Cut(string text, int maxLength)
    {
        var pieces = new List<string>();
        for (var i = 0; i < text.Length; )
        {
            var length = Math.Min(maxLength, text.Length - i);
            if (i + length < text.Length && char.IsHighSurrogate(text[i + length - 1]) && length > 1)
                length--;
            pieces.Add(text.Substring(i, length));
            i += length;
        }
        return pieces;
    }
}
