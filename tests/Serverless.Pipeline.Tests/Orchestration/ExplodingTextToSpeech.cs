using Serverless.Pipeline.Speech;

namespace Serverless.Pipeline.Tests.Orchestration;

/// <summary>A TTS provider that always refuses, like ElevenLabs with an exhausted quota.</summary>
internal sealed class ExplodingTextToSpeech : ITextToSpeech
{
    public const string Message = "ElevenLabs rejected the request: quota_exceeded: This request exceeds your quota.";
    private int _calls;

    public string Name => "exploding";

    public int Calls => Volatile.Read(ref _calls);

    public Task<SpeechAudio> SynthesizeAsync(string text, string? voiceId, Stream destination, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        throw new PermanentFailureException(Message);
    }
}
