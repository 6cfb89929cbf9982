namespace Serverless.Captions;

/// <summary>
/// Turns a per-character alignment (ElevenLabs' <c>characters</c> with their start and end seconds) into timed
/// words: whitespace separates words, a word runs from its first character's start to its last one's end. Pure.
/// </summary>
public static class CharacterAlignment
{
    /// <param name="offset">Seconds added to every time: where this piece of speech starts in the whole.</param>
    public static IReadOnlyList<WordTiming> ToWords(
        IReadOnlyList<string> characters,
        IReadOnlyList<double> starts,
        IReadOnlyList<double> ends,
        double offset = 0
    )
    {
        if (characters.Count != starts.Count || characters.Count != ends.Count)
            throw new ArgumentException(
                $"The alignment has {characters.Count} characters but {starts.Count} start and {ends.Count} end times."
            );
        var words = new List<WordTiming>();
        var text = new System.Text.StringBuilder();
        double start = 0,
            end = 0;
        for (var i = 0; i < characters.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(characters[i]))
            {
                Flush();
                continue;
            }
            if (text.Length == 0)
                start = starts[i];
            text.Append(characters[i]);
            end = Math.Max(ends[i], start);
        }
        Flush();
        return words;

        void Flush()
        {
            if (text.Length == 0)
                return;
            words.Add(new WordTiming(text.ToString(), offset + start, offset + end));
            text.Clear();
        }
    }
}
