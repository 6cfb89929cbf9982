using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.Pipeline.Speech;

public sealed class EspeakOptions
{
    /// <summary>The espeak-ng program (on PATH or a path). Default <c>espeak-ng</c>.</summary>
    [Required]
    [ConfigurationKeyName("ESPEAK_CMD")]
    public string Command { get; set; } = "espeak-ng";

    /// <summary>UI voice id → espeak voice, <c>a=b,c=d</c>; unknown ids get <c>en-us</c>.</summary>
    [ConfigurationKeyName("ESPEAK_VOICE_MAP")]
    public string VoiceMap { get; set; } = "en_female_1=en-us+f3,en_male_1=en-us+m3";

    public const string DefaultVoice = "en-us";
}
