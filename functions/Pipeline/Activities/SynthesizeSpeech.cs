using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Activities;

public sealed record SynthesizeSpeechInput(string JobId, string Text, string? VoiceId);

public sealed record SynthesizedSpeech(string AudioKey, string Provider, long Bytes, long ElapsedMs);

/// <summary>Speaks the job's text with the configured TTS provider into the job's staging keys.</summary>
/// <remarks>The audio is capped at MAX_AUDIO_BYTES as it is written, whatever the provider sends.</remarks>
public sealed class SynthesizeSpeech(
    ITextToSpeech tts,
    IObjectStore store,
    IOptions<PipelineOptions> options,
    ILogger<SynthesizeSpeech> logger
)
{
    public async Task<SynthesizedSpeech> RunAsync(SynthesizeSpeechInput input, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var file = new TempFile();
        SpeechAudio audio;
        await using (var destination = file.OpenWrite())
            audio = await tts.SynthesizeAsync(
                input.Text,
                input.VoiceId,
                new CountingStream(destination, options.Value.MaxAudioBytes),
                cancellationToken
            );

        var key = JobKeys.StagedAudio(input.JobId, audio.FileExtension);
        await store.UploadFileAsync(key, file.Path, audio.ContentType, cancellationToken);

        logger.LogInformation(
            "Synthesized {Characters} characters for job {JobId} with {Provider}: {Bytes} bytes in {ElapsedMs} ms",
            input.Text.Length,
            input.JobId,
            tts.Name,
            audio.Bytes,
            clock.ElapsedMilliseconds
        );
        return new SynthesizedSpeech(key, tts.Name, audio.Bytes, clock.ElapsedMilliseconds);
    }
}
