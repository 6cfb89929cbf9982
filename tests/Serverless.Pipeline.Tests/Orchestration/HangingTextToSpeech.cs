using Serverless.Pipeline.Speech;

namespace Serverless.Pipeline.Tests.Orchestration;

/// <summary>A TTS provider that never answers until its token is cancelled, like a provider hung mid-request.</summary>
internal sealed class HangingTextToSpeech : ITextToSpeech
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "hanging";

    public async Task<SpeechAudio> SynthesizeAsync(string text, string? voiceId, Stream destination, CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            Cancelled.TrySetResult();
        }
        throw new InvalidOperationException("unreachable");
    }
}
