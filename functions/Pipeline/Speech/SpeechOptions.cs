using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.Pipeline.Speech;

/// <summary>Which TTS provider speaks the jobs' texts.</summary>
public sealed class SpeechOptions
{
    public const string Auto = "auto";
    public const string ElevenLabs = "elevenlabs";
    public const string Espeak = "espeak";

    /// <summary><c>auto</c> (default, also when empty: ElevenLabs when ELEVENLABS_API_KEY is set, else espeak), <c>elevenlabs</c> or <c>espeak</c>.</summary>
    [RegularExpression("^(auto|elevenlabs|espeak)$", ErrorMessage = "TTS_PROVIDER must be auto, elevenlabs or espeak.")]
    [ConfigurationKeyName("TTS_PROVIDER")]
    public string? Provider { get; set; } = Auto;

    /// <summary>The provider actually used, given whether an ElevenLabs key is configured.</summary>
    public string Resolve(bool hasElevenLabsKey) =>
        Provider switch
        {
            ElevenLabs => ElevenLabs,
            Espeak => Espeak,
            _ => hasElevenLabsKey ? ElevenLabs : Espeak,
        };
}
