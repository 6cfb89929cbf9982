namespace Serverless.Pipeline.Speech;

/// <summary>A TTS provider that also tells when each word is heard (for captions).</summary>
public interface ITimedTextToSpeech : ITextToSpeech
{
    /// <summary>As <see cref="ITextToSpeech.SynthesizeAsync"/>, and the result's <see cref="SpeechAudio.Words"/> is set.</summary>
    Task<SpeechAudio> SynthesizeWithTimingsAsync(string text, string? voiceId, Stream destination, CancellationToken cancellationToken);
}
