namespace Serverless.Captions;

/// <summary>The punctuation that ends a sentence or a clause, in the scripts the TTS voices speak.</summary>
public static class Punctuation
{
    private const string SentenceEnds = ".!?…。！？؟।";
    private const string ClauseEnds = ",;:—–、，；：،";
    private const string Closers = "\"'”’»)]」』";

    public static bool IsSentenceEnd(char c) => SentenceEnds.Contains(c);

    public static bool IsClauseEnd(char c) => ClauseEnds.Contains(c) || SentenceEnds.Contains(c);

    /// <summary>True when the word ends a sentence (closing quotes and brackets after the mark are allowed).</summary>
    public static bool EndsSentence(string word) => LastMark(word) is { } c && IsSentenceEnd(c);

    /// <summary>True when the word ends a clause or a sentence.</summary>
    public static bool EndsClause(string word) => LastMark(word) is { } c && IsClauseEnd(c);

    private static char? LastMark(string word)
    {
        var trimmed = word.TrimEnd(Closers.ToCharArray());
        return trimmed.Length == 0 ? null : trimmed[^1];
    }
}
