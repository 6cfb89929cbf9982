namespace Serverless.Pipeline.Speech;

/// <summary>
/// ELEVENLABS_VOICES_ONLY_MAPPED is on and the job asked for a voice that is not in ELEVENLABS_VOICE_MAP: bad input,
/// never sent to ElevenLabs. The voice id is a validated safe token, so it may appear in the report.
/// </summary>
public sealed class UnknownVoiceException(string voiceId, IEnumerable<string> offered)
    : PermanentFailureException(
        $"The voice '{voiceId}' is not offered here; the voices are: {string.Join(", ", offered.Order(StringComparer.Ordinal))}."
    );
