using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.Captions;

/// <summary>
/// Reads a WebVTT file strictly enough to prove one valid: the <c>WEBVTT</c> header, blocks separated by blank
/// lines, each cue an optional identifier, a timing line <c>hh:mm:ss.mmm --&gt; hh:mm:ss.mmm</c> (hours optional)
/// with its end after its start, starts in order, and text lines without <c>--&gt;</c>, a raw <c>&lt;</c> or an
/// unknown <c>&amp;</c> entity. Throws <see cref="FormatException"/> saying where the file breaks the rules.
/// </summary>
public static partial class WebVttParser
{
    public static IReadOnlyList<CaptionCue> Parse(string text)
    {
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || !Header().IsMatch(lines[0]))
            throw new FormatException("A WebVTT file starts with the line 'WEBVTT'.");

        var cues = new List<CaptionCue>();
        var i = 1;
        while (i < lines.Length && lines[i].Length > 0)
            i++; // header block
        while (i < lines.Length)
        {
            if (lines[i].Length == 0)
            {
                i++;
                continue;
            }
            var block = new List<string>();
            while (i < lines.Length && lines[i].Length > 0)
                block.Add(lines[i++]);
            if (block[0].StartsWith("NOTE", StringComparison.Ordinal) || block[0] is "STYLE" or "REGION")
                continue;
            cues.Add(ParseCue(block, cues.Count > 0 ? cues[^1].Start : 0));
        }
        return cues;
    }

    private static CaptionCue ParseCue(List<string> block, double previousStart)
    {
        var timingAt = block[0].Contains("-->", StringComparison.Ordinal) ? 0 : 1;
        if (timingAt >= block.Count)
            throw new FormatException($"The cue '{block[0]}' has no timing line.");
        var timing = Timing().Match(block[timingAt]);
        if (!timing.Success)
            throw new FormatException($"'{block[timingAt]}' is not a cue timing line.");
        var start = Seconds(timing.Groups["start"].Value);
        var end = Seconds(timing.Groups["end"].Value);
        if (end <= start)
            throw new FormatException($"The cue at {block[timingAt]} ends before it starts.");
        if (start < previousStart)
            throw new FormatException($"The cue at {block[timingAt]} starts before the cue before it.");

        var text = block.Skip(timingAt + 1).ToList();
        if (text.Count == 0)
            throw new FormatException($"The cue at {block[timingAt]} has no text.");
        return new CaptionCue(start, end, [.. text.Select(Unescape)]);
    }

    private static string Unescape(string line)
    {
        if (line.Contains("-->", StringComparison.Ordinal))
            throw new FormatException($"The cue text '{line}' holds '-->'.");
        if (line.Contains('<'))
            throw new FormatException($"The cue text '{line}' holds markup or a raw '<'.");
        if (Entity().Replace(line, "").Contains('&'))
            throw new FormatException($"The cue text '{line}' holds a raw '&'.");
        return Entity()
            .Replace(
                line,
                m =>
                    m.Groups[1].Value switch
                    {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "nbsp" => "\u00A0",
                        "lrm" => "\u200E",
                        "rlm" => "\u200F",
                        var other => throw new FormatException($"The cue text '{line}' holds the unknown entity '&{other};'."),
                    }
            );
    }

    private static double Seconds(string stamp)
    {
        var parts = stamp.Split(':');
        var hours = parts.Length == 3 ? int.Parse(parts[0], CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(parts[^2], CultureInfo.InvariantCulture);
        var seconds = double.Parse(parts[^1], CultureInfo.InvariantCulture);
        if (minutes > 59 || seconds >= 60)
            throw new FormatException($"'{stamp}' is not a valid timestamp.");
        return hours * 3600 + minutes * 60 + seconds;
    }

    [GeneratedRegex(@"^WEBVTT([ \t].*)?$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^(?<start>(\d{2,}:)?\d{2}:\d{2}\.\d{3})[ \t]+-->[ \t]+(?<end>(\d{2,}:)?\d{2}:\d{2}\.\d{3})([ \t].*)?$")]
    private static partial Regex Timing();

    [GeneratedRegex(@"&([A-Za-z]+);")]
    private static partial Regex Entity();
}
