using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Serverless.Captions;

namespace Serverless.Captions.Tests;

public sealed class CaptionFileTests
{
    public static TheoryData<string> Texts() =>
        [SpokenTexts.Markup, SpokenTexts.Arabic, SpokenTexts.Hebrew, SpokenTexts.Japanese, SpokenTexts.Mixed, SpokenTexts.Long(10_000)];

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_webvtt_file_parses_back_to_the_same_cues(string text)
    {
        var cues = CueBuilder.Build(SpokenTexts.Timed(text));
        var parsed = WebVttParser.Parse(WebVttWriter.Write(cues));

        Assert.Equal(cues.Count, parsed.Count);
        for (var i = 0; i < cues.Count; i++)
        {
            Assert.Equal(cues[i].Lines, parsed[i].Lines);
            Assert.InRange(parsed[i].Start - cues[i].Start, 0, 0.001); // rounded up, never earlier
            Assert.InRange(Math.Abs(parsed[i].End - cues[i].End), 0, 0.0005);
        }
    }

    [Fact]
    public void Markup_characters_are_escaped_in_webvtt()
    {
        var vtt = WebVttWriter.Write([new CaptionCue(1, 2, ["a --> b & <b>c</b>"])]);
        Assert.Contains("a --&gt; b &amp; &lt;b&gt;c&lt;/b&gt;", vtt);
        Assert.Single(vtt.Split('\n'), l => l.Contains("-->"));
    }

    [Fact]
    public void The_parser_rejects_what_is_not_webvtt()
    {
        Assert.Throws<FormatException>(() => WebVttParser.Parse("1\n00:00:01,000 --> 00:00:02,000\nhi\n"));
        Assert.Throws<FormatException>(() => WebVttParser.Parse("WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nbackwards\n"));
        Assert.Throws<FormatException>(() => WebVttParser.Parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na <b> raw tag\n"));
        Assert.Throws<FormatException>(() => WebVttParser.Parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nTom & Jerry\n"));
        Assert.Throws<FormatException>(() => WebVttParser.Parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na --> b\n"));
    }

    [Fact]
    public void Timestamps_are_written_in_hours_minutes_seconds_and_milliseconds()
    {
        var cue = new CaptionCue(3723.0004, 3725.5, ["x"]);
        Assert.Contains("01:02:03.001 --> 01:02:05.500", WebVttWriter.Write([cue]));
        Assert.Contains("01:02:03,001 --> 01:02:05,500", SrtWriter.Write([cue]));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Texts))]
    public async Task Ffmpeg_reads_the_srt_file_back_cue_for_cue(string text)
    {
        var cues = CueBuilder.Build(SpokenTexts.Timed(text));
        var path = Path.Combine(Path.GetTempPath(), $"captions-{Guid.NewGuid():N}.srt");
        await File.WriteAllTextAsync(path, SrtWriter.Write(cues), new UTF8Encoding(false));
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
            var result = await Cli.Wrap("ffmpeg")
                .WithArguments([
                    "-hide_banner",
                    "-nostdin",
                    "-protocol_whitelist",
                    "file,pipe",
                    "-f",
                    "srt",
                    "-i",
                    path,
                    "-f",
                    "srt",
                    "pipe:1",
                ])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8, timeout.Token);
            Assert.True(result.ExitCode == 0, result.StandardError);

            var blocks = result.StandardOutput.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(cues.Count, blocks.Length);
            for (var i = 0; i < cues.Count; i++)
            {
                var lines = blocks[i].Split('\n');
                Assert.Equal(SrtWriter.Write([cues[i]]).Split('\n')[1], lines[1]);
                var shown = string.Join('\n', lines.Skip(2)).Replace("\u2060", "");
                Assert.Equal(cues[i].Text, shown);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
