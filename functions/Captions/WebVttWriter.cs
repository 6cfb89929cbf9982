using System.Text;

namespace Serverless.Captions;

/// <summary>
/// Writes cues as WebVTT: numbered cues, text with <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped (so a
/// <c>--&gt;</c> in the text cannot pass for a timing line). Other scripts, right-to-left ones included, are
/// written as the Unicode text they are (UTF-8, no byte order mark).
/// </summary>
public static class WebVttWriter
{
    public const string MediaType = "text/vtt";

    public static string Write(IReadOnlyList<CaptionCue> cues)
    {
        var text = new StringBuilder("WEBVTT\n");
        for (var i = 0; i < cues.Count; i++)
        {
            var (start, end) = CueTime.Milliseconds(cues[i]);
            text.Append('\n').Append(i + 1).Append('\n');
            text.Append(CueTime.Format(start, '.')).Append(" --> ").Append(CueTime.Format(end, '.')).Append('\n');
            foreach (var line in cues[i].Lines)
                text.Append(Escape(line)).Append('\n');
        }
        return text.ToString();
    }

    public static string Escape(string line) =>
        OneLine(line)
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A cue line holds no line break (a blank line would end the cue).</summary>
    internal static string OneLine(string line) => line.ReplaceLineEndings(" ");
}
