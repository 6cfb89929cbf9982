using System.Globalization;
using System.Text;
using Serverless.Captions;

namespace Serverless.RenderEngine.Captions;

/// <summary>
/// Captions drawn into the video with ffmpeg's libass <c>ass</c> filter: white DejaVu Sans (Debian's
/// fonts-dejavu-core: Latin, Greek, Cyrillic, Arabic, Hebrew …; CJK needs fonts-noto-cjk) with a dark outline and
/// shadow, bottom centre inside the safe area, sized to the video's height (and narrowed so 42 characters fit its
/// width), our own line breaks only (never more than the cue's two lines).
/// </summary>
public static class BurnedCaptions
{
    /// <summary>The script's height in its own units; libass scales it to the video's height.</summary>
    private const int PlayResY = 288;

    public const string Font = "DejaVu Sans";

    /// <param name="aspect">The video's width ÷ height.</param>
    /// <param name="shift">Seconds added to every cue (negative: the video starts later in the speech).</param>
    public static string Script(IReadOnlyList<CaptionCue> cues, double aspect, double shift = 0)
    {
        var width = (int)Math.Round(PlayResY * Math.Clamp(aspect, 0.3, 4));
        var fontSize = Math.Min(16, 11 * width / (double)PlayResY);
        var margin = (int)Math.Round(width * 0.05);
        var text = new StringBuilder();
        text.Append(
            CultureInfo.InvariantCulture,
            $"""
            [Script Info]
            ScriptType: v4.00+
            PlayResX: {width}
            PlayResY: {PlayResY}
            WrapStyle: 2
            ScaledBorderAndShadow: yes

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            Style: Caption,{Font},{fontSize:0.#},&H00FFFFFF,&H00FFFFFF,&H00000000,&H99000000,0,0,0,0,100,100,0,0,1,{fontSize
                / 8:0.##},{fontSize / 16:0.##},2,{margin},{margin},{PlayResY * 0.07:0}

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text

            """
        );
        foreach (var cue in cues)
        {
            var start = cue.Start + shift;
            var end = cue.End + shift;
            if (end <= 0)
                continue;
            text.Append(
                CultureInfo.InvariantCulture,
                $"Dialogue: 0,{Time(Math.Max(0, start))},{Time(end)},Caption,,0,0,0,,{string.Join("\\N", cue.Lines.Select(Escape))}\n"
            );
        }
        return text.ToString();
    }

    /// <summary>The filter that draws the script at <paramref name="path"/> (quoted for a filter graph).</summary>
    public static string Filter(string path) => $"ass=filename='{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary>ASS reads <c>{…}</c> as override tags and <c>\</c> as escapes: they are escaped, the rest is text.</summary>
    private static string Escape(string line) =>
        line.Replace("\\", "\\\u200B", StringComparison.Ordinal)
            .Replace("{", "\\{", StringComparison.Ordinal)
            .Replace("}", "\\}", StringComparison.Ordinal);

    /// <summary>h:mm:ss.cc, as ASS wants it.</summary>
    private static string Time(double seconds)
    {
        var centiseconds = (long)Math.Round(seconds * 100);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{centiseconds / 360000}:{centiseconds / 6000 % 60:00}:{centiseconds / 100 % 60:00}.{centiseconds % 100:00}"
        );
    }
}
