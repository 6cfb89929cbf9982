using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Tests.Fakes;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Speech;

public sealed class EspeakTextToSpeechTests
{
    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static async Task<(SpeechAudio Audio, string Codec, double Duration)> SpeakAsync(
        string text,
        string? voice,
        params (string Key, string? Value)[] overrides
    )
    {
        await using var services = PipelineServices.Build([("TTS_PROVIDER", "espeak"), .. overrides]);
        var tts = services.GetRequiredService<ITextToSpeech>();
        Assert.Equal("espeak", tts.Name);
        var path = Path.Combine(Path.GetTempPath(), $"espeak-{Guid.NewGuid():N}.wav");
        try
        {
            SpeechAudio audio;
            await using (var file = File.Create(path))
                audio = await tts.SynthesizeAsync(text, voice, file, Timeout);
            Assert.Equal(new FileInfo(path).Length, audio.Bytes);
            var (duration, streams) = await Ffprobe.ProbeAsync(path);
            var codec = streams[0].Codec;
            return (audio, codec, duration);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task It_writes_a_wav_that_decodes_with_a_sensible_duration()
    {
        var (audio, codec, duration) = await SpeakAsync("Hello there. This is the offline voice speaking.", "en_female_1");

        Assert.Equal("audio/wav", audio.ContentType);
        Assert.Equal("wav", audio.FileExtension);
        Assert.Equal("pcm_s16le", codec);
        Assert.InRange(duration, 1.0, 10.0);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_text_starting_with_a_dash_is_spoken_not_taken_for_an_option()
    {
        var (_, _, duration) = await SpeakAsync("--version -w /tmp/owned.wav is what I say.", "en_male_1");

        Assert.InRange(duration, 1.0, 15.0);
        Assert.False(File.Exists("/tmp/owned.wav"));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unknown_voice_falls_back_to_the_default_espeak_voice()
    {
        var (_, _, duration) = await SpeakAsync("Fallback voice.", "no_such_voice");

        Assert.True(duration > 0.3);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_missing_espeak_command_is_a_clear_failure()
    {
        var error = await Assert.ThrowsAsync<PermanentFailureException>(() =>
            SpeakAsync("Hello.", null, ("ESPEAK_CMD", "/nonexistent/espeak-ng"))
        );

        Assert.Contains("/nonexistent/espeak-ng", error.Message);
    }
}
