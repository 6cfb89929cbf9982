using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Serverless.Contracts;

namespace Serverless.Pipeline.Speech;

internal static class SpeechServiceCollectionExtensions
{
    public static IServiceCollection AddSpeech(this IServiceCollection services)
    {
        services
            .AddOptions<ElevenLabsOptions>()
            .BindConfiguration("")
            .ValidateDataAnnotations()
            .Validate(o => HttpUrl.IsAbsoluteHttp(o.BaseUrl), "ELEVENLABS_BASE_URL must be an absolute http(s) URL.")
            .Validate(o => VoiceMap.TryParse(o.VoiceMap) is not null, "ELEVENLABS_VOICE_MAP must be id=voice pairs separated by commas.")
            .Validate(
                o => !o.VoicesOnlyMapped || VoiceMap.TryParse(o.VoiceMap) is { Entries.Count: > 0 },
                "ELEVENLABS_VOICES_ONLY_MAPPED=true needs at least one voice in ELEVENLABS_VOICE_MAP."
            )
            .PostConfigure(o => SecretScrubber.RegisterSecrets(o.ApiKey))
            .ValidateOnStart();
        services
            .AddOptions<EspeakOptions>()
            .BindConfiguration("")
            .ValidateDataAnnotations()
            .Validate(o => VoiceMap.TryParse(o.VoiceMap) is not null, "ESPEAK_VOICE_MAP must be id=voice pairs separated by commas.")
            .ValidateOnStart();
        services
            .AddOptions<SpeechOptions>()
            .BindConfiguration("")
            .ValidateDataAnnotations()
            .Validate<IOptions<ElevenLabsOptions>>(
                (speech, elevenLabs) => speech.Provider != SpeechOptions.ElevenLabs || !string.IsNullOrWhiteSpace(elevenLabs.Value.ApiKey),
                "TTS_PROVIDER=elevenlabs needs ELEVENLABS_API_KEY."
            )
            .ValidateOnStart();

        services.AddSingleton<EspeakTextToSpeech>();
        services
            .AddHttpClient<ElevenLabsTextToSpeech>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("elevenlabs", ConfigureElevenLabsPipeline);
        services.AddTransient<ITextToSpeech>(sp =>
        {
            var hasKey = !string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<ElevenLabsOptions>>().Value.ApiKey);
            return sp.GetRequiredService<IOptions<SpeechOptions>>().Value.Resolve(hasKey) == SpeechOptions.ElevenLabs
                ? sp.GetRequiredService<ElevenLabsTextToSpeech>()
                : sp.GetRequiredService<EspeakTextToSpeech>();
        });
        return services;
    }

    /// <summary>
    /// Retries 429, 408, 5xx, connection errors and attempt timeouts with exponential backoff (jittered), using
    /// Retry-After when ElevenLabs sends it; then a per-attempt timeout that only covers the wait for headers,
    /// since the audio body streams afterwards. A TTS POST may be retried: a failed one produces no audio and
    /// costs no characters.
    /// </summary>
    private static void ConfigureElevenLabsPipeline(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        ResilienceHandlerContext context
    )
    {
        var settings = context.ServiceProvider.GetRequiredService<IOptions<ElevenLabsOptions>>().Value;
        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(
                new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMs),
                    ShouldRetryAfterHeader = true,
                }
            );
        }
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds) });
    }
}
