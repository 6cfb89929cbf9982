using System.Text;

namespace Serverless.Captions;

/// <summary>
/// Writes cues as SubRip (SRT). SRT has no escapes, and its readers take <c>&lt;i&gt;</c>-style tags as markup and
/// a line with <c>--&gt;</c> as a timing line: a WORD JOINER (U+2060, invisible) is put after each <c>&lt;</c> and
/// inside each <c>--&gt;</c>, so the text shows as written and is never read as markup or timing.
/// </summary>
public static class SrtWriter
{
    public const string MediaType = "application/x-subrip";

    private const string WordJoiner = "\u2060";

    public static string Write(IReadOnlyList<CaptionCue> cues)
    {
        var text = new StringBuilder();
        for (var i = 0; i < cues.Count; i++)
        {
            var (start, end) = CueTime.Milliseconds(cues[i]);
            if (i > 0)
                text.Append('\n');
            text.Append(i + 1).Append('\n');
            text.Append(CueTime.Format(start, ',')).Append(" --> ").Append(CueTime.Format(end, ',')).Append('\n');
            foreach (var line in cues[i].Lines)
                text.Append(Escape(line)).Append('\n');
        }
        return text.ToString();
    }

    public static string Escape(string line) =>
        WebVttWriter
            .OneLine(line)
            .Replace("-->", "--" + WordJoiner + ">", StringComparison.Ordinal)
            .Replace("<", "<" + WordJoiner, StringComparison.Ordinal)
            .Replace("{", "{" + WordJoiner, StringComparison.Ordinal);
}
