using Serverless.Captions;

namespace Serverless.Pipeline.Speech;

/// <summary>A TTS provider. Audio is written to <c>destination</c> as it arrives, never held whole in memory.</summary>
public interface ITextToSpeech
{
    /// <summary>Provider name for logs and status (<c>elevenlabs</c>, <c>espeak</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Speaks <paramref name="text"/> with <paramref name="voiceId"/> (a UI id such as <c>en_female_1</c> or a
    /// provider voice id). Throws <see cref="PermanentFailureException"/> with the provider's own message when
    /// retrying cannot help (bad key, quota, unknown voice), other exceptions when it may.
    /// </summary>
    Task<SpeechAudio> SynthesizeAsync(string text, string? voiceId, Stream destination, CancellationToken cancellationToken);
}

/// <param name="ContentType">e.g. <c>audio/mpeg</c> or <c>audio/wav</c>.</param>
/// <param name="FileExtension">without the dot: <c>mp3</c>, <c>wav</c>.</param>
/// <param name="Words">When each word is heard in the audio, from a provider that knows (<see cref="ITimedTextToSpeech"/>).</param>
public sealed record SpeechAudio(string ContentType, string FileExtension, long Bytes, IReadOnlyList<WordTiming>? Words = null);
