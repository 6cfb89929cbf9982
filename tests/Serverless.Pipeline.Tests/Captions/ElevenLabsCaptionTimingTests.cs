using Microsoft.Extensions.DependencyInjection;
using Serverless.Captions;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Tests.Fakes;
using Serverless.TestFixtures;
using Xunit.Abstractions;

namespace Serverless.Pipeline.Tests.Captions;

public sealed class ElevenLabsCaptionTimingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FakeElevenLabs _fake = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        _fake = await FakeElevenLabs.StartAsync();
        _fake.SpeechLikeAudio = true;
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private ITimedTextToSpeech Tts(string model)
    {
        var settings = PipelineServices.BaseSettings();
        settings["ELEVENLABS_API_KEY"] = FakeElevenLabs.ApiKey;
        settings["ELEVENLABS_BASE_URL"] = _fake.BaseUrl.ToString();
        settings["ELEVENLABS_RETRY_BASE_DELAY_MS"] = "10";
        settings["ELEVENLABS_MODEL_ID"] = model;
        _services = PipelineServices.Build(settings);
        return Assert.IsAssignableFrom<ITimedTextToSpeech>(_services.GetRequiredService<ITextToSpeech>());
    }

    [Fact(Timeout = 120_000)]
    public async Task Cues_of_a_text_spoken_in_three_stitched_requests_start_when_their_words_are_heard()
    {
        var text = CaptionTexts.Of(7_000);
        var tts = Tts("eleven_v3"); // 3 000 characters a request
        var path = Path.Combine(Path.GetTempPath(), $"timed-{Guid.NewGuid():N}.mp3");
        try
        {
            SpeechAudio audio;
            await using (var file = File.Create(path))
                audio = await tts.SynthesizeWithTimingsAsync(text, "en_female_1", file, CancellationToken.None);

            Assert.Equal(3, _fake.Requests.Count);
            Assert.All(_fake.Requests.Skip(1), r => Assert.NotEmpty(r.PreviousRequestIds!));
            Assert.Equal(new FileInfo(path).Length, audio.Bytes);
            var words = audio.Words!;
            Assert.Equal(TextUnits.Words(text), words.Select(w => w.Text));

            // Ground truth from the decoded audio itself: each word is one burst of sound.
            var samples = await DecodedAudio.ReadAsync(path, "mp3");
            var bursts = EnergySpeechDetector.Detect(samples, DecodedAudio.SampleRate, minPause: 0.025);
            Assert.Equal(words.Count, bursts.Count);

            var cues = CueBuilder.Build(words);
            var errors = TimingErrors.Of(cues, words, [.. bursts.Select(b => b.Start)]);
            output.WriteLine($"fake ElevenLabs, {text.Length} characters in 3 requests: {errors}");
            Assert.True(errors.Median < 0.15, errors.ToString());
            Assert.True(errors.P95 < 0.4, errors.ToString());
            // The last words are placed as well as the first: the requests' offsets are the audio's, not the text's.
            Assert.InRange(Math.Abs(words[^1].Start - bursts[^1].Start), 0, 0.1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refused_timed_request_fails_as_the_plain_one_does()
    {
        var tts = Tts("eleven_multilingual_v2");
        _fake.QuotaExceeded();
        using var audio = new MemoryStream();

        var error = await Assert.ThrowsAsync<PermanentFailureException>(() =>
            tts.SynthesizeWithTimingsAsync("Hello there.", "en_female_1", audio, CancellationToken.None)
        );
        Assert.Contains("quota_exceeded", error.Message);
    }
}
