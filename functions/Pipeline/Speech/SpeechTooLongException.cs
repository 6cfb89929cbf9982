namespace Serverless.Pipeline.Speech;

/// <summary>The provider's audio passed MAX_AUDIO_BYTES: a retry would produce the same, so it is permanent.</summary>
public sealed class SpeechTooLongException(long limit)
    : PermanentFailureException($"The synthesized speech is larger than MAX_AUDIO_BYTES ({limit} bytes).");
