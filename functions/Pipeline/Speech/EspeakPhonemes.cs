namespace Serverless.Pipeline.Speech;

/// <summary>
/// Reads espeak-ng's <c>-x</c> output (one line per clause, words separated by spaces, stress and length marks in
/// between) into a weight per word of the text: its phoneme count. When espeak's words do not match the text's
/// one for one (numbers and abbreviations it expands), the text's letter counts are used instead. Pure.
/// </summary>
public static class EspeakPhonemes
{
    private const string Marks = "'%,=_:#-|!";

    public static double[] WordWeights(string phonemes, IReadOnlyList<string> words)
    {
        var spoken = phonemes.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Count).Where(c => c > 0).ToList();
        if (spoken.Count == words.Count)
            return [.. spoken.Select(c => (double)c)];
        return [.. words.Select(Serverless.Captions.TextUnits.SpokenLength)];
    }

    /// <summary>Phoneme symbols of one word, roughly: its characters less stress, length and pause marks and digits.</summary>
    public static int Count(string word) => word.Count(c => !Marks.Contains(c) && !char.IsDigit(c));
}
