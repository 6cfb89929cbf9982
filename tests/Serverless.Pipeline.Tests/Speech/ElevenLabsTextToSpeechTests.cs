using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Tests.Fakes;
using Serverless.TestFixtures;

namespace Serverless.Pipeline.Tests.Speech;

public sealed class ElevenLabsTextToSpeechTests : IAsyncLifetime
{
    private FakeElevenLabs _fake = null!;
    private readonly List<ServiceProvider> _providers = [];

    public async Task InitializeAsync() => _fake = await FakeElevenLabs.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
            await provider.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private ITextToSpeech Tts(params (string Key, string? Value)[] overrides)
    {
        var settings = PipelineServices.BaseSettings();
        settings["ELEVENLABS_API_KEY"] = FakeElevenLabs.ApiKey;
        settings["ELEVENLABS_BASE_URL"] = _fake.BaseUrl.ToString();
        settings["ELEVENLABS_RETRY_BASE_DELAY_MS"] = "10";
        foreach (var (key, value) in overrides)
            settings[key] = value;
        var provider = PipelineServices.Build(settings);
        _providers.Add(provider);
        return provider.GetRequiredService<ITextToSpeech>();
    }

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact(Timeout = 20_000)]
    public async Task It_sends_the_key_the_mapped_voice_the_output_format_and_the_json_body()
    {
        var tts = Tts();
        using var audio = new MemoryStream();

        var result = await tts.SynthesizeAsync("Hello there.", "en_female_1", audio, Timeout);

        Assert.Equal("elevenlabs", tts.Name);
        Assert.Equal(new SpeechAudio("audio/mpeg", "mp3", _fake.Mp3.Length), result);
        Assert.Equal(_fake.Mp3, audio.ToArray());
        var request = Assert.Single(_fake.Requests);
        Assert.Equal("21m00Tcm4TlvDq8ikWAM", request.VoiceId);
        Assert.Equal("mp3_44100_128", request.OutputFormat);
        Assert.Equal(FakeElevenLabs.ApiKey, request.ApiKey);
        Assert.Equal("audio/mpeg", request.Accept);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Equal(
            """{"text":"Hello there.","model_id":"eleven_multilingual_v2","voice_settings":{"stability":0.5,"similarity_boost":0.75}}""",
            request.RawBody
        );
    }

    [Fact(Timeout = 20_000)]
    public async Task The_male_voice_is_mapped_and_an_unknown_id_is_passed_through()
    {
        _fake.Voices["MyClonedVoice123"] = true;
        var tts = Tts();

        await tts.SynthesizeAsync("Hi.", "en_male_1", Stream.Null, Timeout);
        await tts.SynthesizeAsync("Hi.", "MyClonedVoice123", Stream.Null, Timeout);

        Assert.Equal(["EXAVITQu4vr4xnSDxMaL", "MyClonedVoice123"], _fake.Requests.Select(r => r.VoiceId));
    }

    [Fact(Timeout = 20_000)]
    public async Task The_voice_map_is_configurable()
    {
        _fake.Voices["CustomVoiceId"] = true;
        var tts = Tts(("ELEVENLABS_VOICE_MAP", "en_female_1=CustomVoiceId"));

        await tts.SynthesizeAsync("Hi.", "en_female_1", Stream.Null, Timeout);

        Assert.Equal("CustomVoiceId", Assert.Single(_fake.Requests).VoiceId);
    }

    [Fact(Timeout = 20_000)]
    public async Task With_voices_only_mapped_an_unmapped_voice_is_refused_before_elevenlabs_is_called()
    {
        _fake.Voices["MyClonedVoice123"] = true;
        var tts = Tts(("ELEVENLABS_VOICES_ONLY_MAPPED", "true"));

        var error = await Assert.ThrowsAsync<UnknownVoiceException>(() =>
            tts.SynthesizeAsync("Hi.", "MyClonedVoice123", Stream.Null, Timeout)
        );
        await tts.SynthesizeAsync("Hi.", "en_male_1", Stream.Null, Timeout);

        Assert.IsAssignableFrom<PermanentFailureException>(error);
        Assert.Equal("The voice 'MyClonedVoice123' is not offered here; the voices are: en_female_1, en_male_1.", error.Message);
        Assert.Equal("EXAVITQu4vr4xnSDxMaL", Assert.Single(_fake.Requests).VoiceId);
    }

    [Fact]
    public void Voices_only_mapped_with_an_empty_voice_map_stops_the_host_at_start_up()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            Tts(("ELEVENLABS_VOICES_ONLY_MAPPED", "true"), ("ELEVENLABS_VOICE_MAP", ""))
        );

        Assert.Contains("ELEVENLABS_VOICES_ONLY_MAPPED", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_text_over_the_model_limit_is_split_at_sentences_and_chained_with_previous_request_ids()
    {
        var sentence = "This sentence is part of a rather long speech that must be split. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 120)).Trim(); // ~8 000 chars, eleven_v3 allows 3 000
        var tts = Tts(("ELEVENLABS_MODEL_ID", "eleven_v3"));
        var path = Path.Combine(Path.GetTempPath(), $"tts-{Guid.NewGuid():N}.mp3");

        try
        {
            await using (var file = File.Create(path))
                await tts.SynthesizeAsync(text, "en_female_1", file, Timeout);

            var requests = _fake.Requests;
            Assert.Equal(3, requests.Count);
            Assert.All(requests, r => Assert.True(r.Text!.Length <= 3000));
            Assert.All(requests, r => Assert.EndsWith("split.", r.Text));
            Assert.Equal(text, string.Join(' ', requests.Select(r => r.Text)));
            Assert.Null(requests[0].PreviousRequestIds);
            Assert.Single(requests[1].PreviousRequestIds!);
            Assert.Equal(2, requests[2].PreviousRequestIds!.Count);
            var (duration, streams) = await Ffprobe.ProbeAsync(path);
            var codec = streams[0].Codec;
            Assert.Equal("mp3", codec);
            Assert.InRange(duration, 3 * FakeElevenLabs.SecondsPerResponse - 0.3, 3 * FakeElevenLabs.SecondsPerResponse + 0.3);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task A_429_is_retried_after_the_delay_in_retry_after()
    {
        _fake.TooManyRequests(1, retryAfterSeconds: 1);
        var tts = Tts();
        using var audio = new MemoryStream();
        var started = Stopwatch.GetTimestamp();

        await tts.SynthesizeAsync("Hello.", null, audio, Timeout);

        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(900), "Retry-After was not honoured");
        Assert.Equal(2, _fake.Requests.Count);
        Assert.Equal(_fake.Mp3, audio.ToArray());
    }

    [Fact(Timeout = 20_000)]
    public async Task Throttling_and_server_errors_are_retried_with_backoff()
    {
        _fake.SystemBusy(2);
        _fake.ServerErrors(1);
        var tts = Tts();

        await tts.SynthesizeAsync("Hello.", null, Stream.Null, Timeout);

        Assert.Equal(4, _fake.Requests.Count);
    }

    [Fact(Timeout = 20_000)]
    public async Task Persistent_server_errors_end_in_a_transient_error()
    {
        _fake.ServerErrors(3);
        var tts = Tts(("ELEVENLABS_MAX_RETRIES", "2"));

        var error = await Assert.ThrowsAsync<SpeechUnavailableException>(() => tts.SynthesizeAsync("Hello.", null, Stream.Null, Timeout));

        Assert.Contains("500", error.Message);
        Assert.Equal(3, _fake.Requests.Count);
    }

    [Fact(Timeout = 20_000)]
    public async Task An_exceeded_quota_is_a_permanent_failure_with_elevenlabs_message()
    {
        _fake.QuotaExceeded();
        var tts = Tts();

        var error = await Assert.ThrowsAsync<PermanentFailureException>(() => tts.SynthesizeAsync("Hello.", null, Stream.Null, Timeout));

        Assert.StartsWith("ElevenLabs rejected the request: quota_exceeded: This request exceeds your quota of 10000.", error.Message);
        Assert.Single(_fake.Requests);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_wrong_key_is_a_permanent_failure_that_does_not_leak_the_key()
    {
        var tts = Tts(("ELEVENLABS_API_KEY", "sk_wrong_key_value_1234"));

        var error = await Assert.ThrowsAsync<PermanentFailureException>(() => tts.SynthesizeAsync("Hello.", null, Stream.Null, Timeout));

        Assert.Contains("invalid_api_key", error.Message);
        Assert.DoesNotContain("sk_wrong_key_value_1234", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task An_unknown_voice_is_a_permanent_failure()
    {
        var tts = Tts();

        var error = await Assert.ThrowsAsync<PermanentFailureException>(() =>
            tts.SynthesizeAsync("Hello.", "NoSuchVoice", Stream.Null, Timeout)
        );

        Assert.Contains("voice_not_found", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_200_that_is_not_audio_is_an_error()
    {
        _fake.HtmlOk();
        var tts = Tts();
        using var audio = new MemoryStream();

        var error = await Assert.ThrowsAsync<SpeechUnavailableException>(() => tts.SynthesizeAsync("Hello.", null, audio, Timeout));

        Assert.Contains("text/html", error.Message);
        Assert.Equal(0, audio.Length);
    }

    [Fact(Timeout = 20_000)]
    public async Task An_audio_content_type_with_a_non_mp3_body_is_an_error()
    {
        _fake.FailNext(1, 200, "not really audio", "audio/mpeg");
        var tts = Tts();

        var error = await Assert.ThrowsAsync<SpeechUnavailableException>(() => tts.SynthesizeAsync("Hello.", null, Stream.Null, Timeout));

        Assert.Contains("not MP3", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task The_audio_is_streamed_to_the_destination_before_the_response_completes()
    {
        _fake.HoldBodyUntil = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tts = Tts();
        var audio = new MemoryStream();

        var synthesis = tts.SynthesizeAsync("Hello.", null, audio, Timeout);
        await Eventually.TrueAsync(() => Volatile.Read(ref audio).Length > 0, TimeSpan.FromSeconds(10), "the first audio bytes");
        Assert.False(synthesis.IsCompleted);
        _fake.HoldBodyUntil.SetResult();
        await synthesis;

        Assert.Equal(_fake.Mp3, audio.ToArray());
    }

    [Fact(Timeout = 20_000)]
    public async Task An_audio_body_that_stalls_fails_as_unavailable_after_the_read_timeout()
    {
        _fake.HoldBodyUntil = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tts = Tts(("ELEVENLABS_READ_TIMEOUT_SECONDS", "0.5"));

        var error = await Assert.ThrowsAsync<SpeechUnavailableException>(() => tts.SynthesizeAsync("Hello.", null, Stream.Null, Timeout));

        Assert.Contains("sent nothing for 0.5 s", error.Message);
    }

    [Fact(Timeout = 20_000)]
    public async Task An_endless_audio_body_is_cut_off_at_max_audio_bytes_and_nothing_is_staged()
    {
        _fake.EndlessAudio = true;
        var store = new UploadRecordingStore();
        var options = Options.Create(new PipelineOptions { MaxAudioBytes = 256 * 1024 });
        var activity = new SynthesizeSpeech(Tts(), store, options, NullLogger<SynthesizeSpeech>.Instance);

        var error = await Assert.ThrowsAsync<SpeechTooLongException>(() =>
            activity.RunAsync(new SynthesizeSpeechInput("665f00000000000000000001", "Hello.", null), Timeout)
        );

        Assert.Contains("MAX_AUDIO_BYTES (262144 bytes)", error.Message);
        Assert.IsAssignableFrom<PermanentFailureException>(error);
        Assert.Empty(store.Uploads);
    }

    [Fact(Timeout = 20_000)]
    public async Task An_endless_error_body_is_read_only_up_to_its_cap()
    {
        _fake.EndlessError(400);
        var tts = Tts();

        var error = await Assert.ThrowsAsync<PermanentFailureException>(() => tts.SynthesizeAsync("Hello.", null, Stream.Null, Timeout));

        Assert.StartsWith("ElevenLabs rejected the request: {\"detail\"", error.Message);
        Assert.EndsWith("xxx…", error.Message);
        Assert.True(error.Message.Length < 1000, $"{error.Message.Length} characters");
    }

    [Fact(Timeout = 20_000)]
    public async Task An_error_body_that_stalls_fails_as_unavailable_after_the_read_timeout()
    {
        _fake.StalledError(401);
        var tts = Tts(("ELEVENLABS_READ_TIMEOUT_SECONDS", "0.5"));

        var error = await Assert.ThrowsAsync<SpeechUnavailableException>(() => tts.SynthesizeAsync("Hello.", null, Stream.Null, Timeout));

        Assert.Contains("sent nothing for 0.5 s", error.Message);
    }

    [Fact]
    public void The_elevenlabs_provider_without_a_key_fails_validation_at_start()
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            PipelineServices.Build(("TTS_PROVIDER", "elevenlabs"))
        );

        Assert.Contains("ELEVENLABS_API_KEY", error.Message);
    }

    [Theory]
    [InlineData(null, null, "espeak")]
    [InlineData(null, FakeElevenLabs.ApiKey, "elevenlabs")]
    [InlineData("auto", FakeElevenLabs.ApiKey, "elevenlabs")]
    [InlineData("espeak", FakeElevenLabs.ApiKey, "espeak")]
    [InlineData("elevenlabs", FakeElevenLabs.ApiKey, "elevenlabs")]
    public void The_provider_is_chosen_by_tts_provider_and_the_key(string? provider, string? key, string expected)
    {
        using var services = PipelineServices.Build(("TTS_PROVIDER", provider), ("ELEVENLABS_API_KEY", key));

        Assert.Equal(expected, services.GetRequiredService<ITextToSpeech>().Name);
    }
}
