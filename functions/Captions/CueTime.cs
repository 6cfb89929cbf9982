using System.Globalization;

namespace Serverless.Captions;

/// <summary>Cue timestamps: <c>hh:mm:ss.mmm</c> (WebVTT) and <c>hh:mm:ss,mmm</c> (SRT), in whole milliseconds.</summary>
public static class CueTime
{
    /// <summary>
    /// A cue's start and end in milliseconds: the start rounded up, so a cue never shows before its first word,
    /// and the end at least a millisecond later.
    /// </summary>
    public static (long Start, long End) Milliseconds(CaptionCue cue)
    {
        var start = (long)Math.Ceiling(Math.Round(cue.Start * 1000, 6));
        var end = Math.Max(start + 1, (long)Math.Round(cue.End * 1000));
        return (start, end);
    }

    public static string Format(long milliseconds, char fractionSeparator)
    {
        var hours = milliseconds / 3_600_000;
        var minutes = milliseconds / 60_000 % 60;
        var seconds = milliseconds / 1000 % 60;
        var millis = milliseconds % 1000;
        return string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}:{seconds:00}{fractionSeparator}{millis:000}");
    }
}
