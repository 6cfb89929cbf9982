using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.DependencyInjection;
using Serverless.RenderEngine.Media;

namespace Serverless.RenderEngine.Tests;

/// <summary>Every audio format users may supply is recognised from its bytes and read with its own demuxer.</summary>
public sealed class AudioFormatTests
{
    [Theory(Timeout = 60_000)]
    [InlineData("speech.wav", "pcm_s16le", Demuxer.Wav)]
    [InlineData("speech.mp3", "libmp3lame", Demuxer.Mp3)]
    [InlineData("untagged.mp3", "libmp3lame", Demuxer.Mp3)]
    [InlineData("speech.aac", "aac", Demuxer.Adts)]
    [InlineData("speech.m4a", "aac", Demuxer.Mp4)]
    [InlineData("speech.ogg", "libvorbis", Demuxer.Ogg)]
    [InlineData("speech.opus", "libopus", Demuxer.Ogg)]
    [InlineData("speech.flac", "flac", Demuxer.Flac)]
    [InlineData("speech.webm", "libopus", Demuxer.Matroska)]
    public async Task Speech_in_an_accepted_format_is_recognised_by_its_bytes_and_prepared_whole(string name, string codec, string demuxer)
    {
        using var engine = new EngineHarness();
        var tone = await engine.ToneAsync(1.5, sampleRate: 48_000);
        // Named .bin: the name says nothing, the bytes decide.
        var audio = Path.Combine(engine.Dir, name + ".bin");
        await Cli.Wrap("ffmpeg")
            .WithArguments([
                "-v",
                "error",
                "-y",
                "-i",
                tone,
                "-c:a",
                codec,
                // Without an ID3v2 tag: the file starts with a frame sync.
                .. name.StartsWith("untagged", StringComparison.Ordinal)
                    ? ["-id3v2_version", "0", "-write_xing", "0"]
                    : Array.Empty<string>(),
                "-f",
                FormatOf(name),
                audio,
            ])
            .ExecuteBufferedAsync();
        var work = Directory.CreateDirectory(Path.Combine(engine.Dir, "work")).FullName;

        var head = await File.ReadAllBytesAsync(audio);
        var prepared = await engine
            .Services.GetRequiredService<AudioPreparer>()
            .PrepareAsync(audio, maxSeconds: 0, withWav16k: true, work, default);

        Assert.Equal(demuxer, AudioFormat.Detect(head));
        Assert.InRange(prepared.DurationSec, 1.4, 1.6);
    }

    private static string FormatOf(string name) =>
        Path.GetExtension(name) switch
        {
            ".aac" => "adts",
            ".m4a" => "ipod",
            ".opus" => "ogg",
            var extension => extension[1..],
        };
}
