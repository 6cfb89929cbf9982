using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.Pipeline.Speech;

public sealed class ElevenLabsOptions
{
    /// <summary>The API key (a secret). Required when TTS_PROVIDER is <c>elevenlabs</c>.</summary>
    [ConfigurationKeyName("ELEVENLABS_API_KEY")]
    public string? ApiKey { get; set; }

    [Required]
    [ConfigurationKeyName("ELEVENLABS_MODEL_ID")]
    public string ModelId { get; set; } = "eleven_multilingual_v2";

    [Required]
    [ConfigurationKeyName("ELEVENLABS_BASE_URL")]
    public string BaseUrl { get; set; } = "https://api.elevenlabs.io";

    /// <summary>UI voice id → ElevenLabs voice id, <c>a=b,c=d</c>. Unknown ids are passed through (see <see cref="VoicesOnlyMapped"/>).</summary>
    [ConfigurationKeyName("ELEVENLABS_VOICE_MAP")]
    public string VoiceMap { get; set; } = "en_female_1=21m00Tcm4TlvDq8ikWAM,en_male_1=EXAVITQu4vr4xnSDxMaL";

    /// <summary>
    /// Only the voices of <see cref="VoiceMap"/> may be used: a job asking for any other fails as bad input instead
    /// of being passed through as an ElevenLabs voice id. Default false (unknown ids pass through).
    /// </summary>
    [ConfigurationKeyName("ELEVENLABS_VOICES_ONLY_MAPPED")]
    public bool VoicesOnlyMapped { get; set; }

    /// <summary>Base delay of the exponential backoff on 429/5xx (Retry-After wins when sent). Default 1000 ms.</summary>
    [Range(0, 60_000)]
    [ConfigurationKeyName("ELEVENLABS_RETRY_BASE_DELAY_MS")]
    public int RetryBaseDelayMs { get; set; } = 1000;

    /// <summary>Retries after the first attempt on 429/5xx/network errors. Default 5.</summary>
    [Range(0, 10)]
    [ConfigurationKeyName("ELEVENLABS_MAX_RETRIES")]
    public int MaxRetries { get; set; } = 5;

    /// <summary>Time allowed for one attempt to answer with headers (the audio then streams). Default 60 s.</summary>
    [Range(1, 600)]
    [ConfigurationKeyName("ELEVENLABS_TIMEOUT_SECONDS")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Longest wait for the next bytes of a response body (audio or error) before the attempt fails. Default 30 s.</summary>
    [Range(0.01, 600)]
    [ConfigurationKeyName("ELEVENLABS_READ_TIMEOUT_SECONDS")]
    public double ReadTimeoutSeconds { get; set; } = 30;

    internal Uri BaseUri => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);
}
