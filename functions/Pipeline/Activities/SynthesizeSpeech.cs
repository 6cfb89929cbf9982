using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Captions;
using Serverless.Pipeline.Captioning;
using Serverless.Pipeline.Speech;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Activities;

/// <param name="WithTimings">Also store when each word is heard (for captions), where the provider can tell.</param>
public sealed record SynthesizeSpeechInput(string JobId, string Text, string? VoiceId, bool WithTimings = false);

/// <param name="WordsKey">The word timings' key (<see cref="CaptionKeys.Words"/>), when they were asked for and made.</param>
public sealed record SynthesizedSpeech(string AudioKey, string Provider, long Bytes, long ElapsedMs, string? WordsKey = null);

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
        {
            var capped = new CountingStream(destination, options.Value.MaxAudioBytes);
            audio =
                input.WithTimings && tts is ITimedTextToSpeech timed
                    ? await timed.SynthesizeWithTimingsAsync(input.Text, input.VoiceId, capped, cancellationToken)
                    : await tts.SynthesizeAsync(input.Text, input.VoiceId, capped, cancellationToken);
        }

        var key = JobKeys.StagedAudio(input.JobId, audio.FileExtension);
        await store.UploadFileAsync(key, file.Path, audio.ContentType, cancellationToken);
        var wordsKey = audio.Words is { } words ? await StoreWordsAsync(input.JobId, words, cancellationToken) : null;

        logger.LogInformation(
            "Synthesized {Characters} characters for job {JobId} with {Provider}: {Bytes} bytes in {ElapsedMs} ms",
            input.Text.Length,
            input.JobId,
            tts.Name,
            audio.Bytes,
            clock.ElapsedMilliseconds
        );
        return new SynthesizedSpeech(key, tts.Name, audio.Bytes, clock.ElapsedMilliseconds, wordsKey);
    }

    private async Task<string> StoreWordsAsync(string jobId, IReadOnlyList<WordTiming> words, CancellationToken cancellationToken)
    {
        using var file = new TempFile();
        await using (var json = file.OpenWrite())
            await JsonSerializer.SerializeAsync(json, words, cancellationToken: cancellationToken);
        var key = CaptionKeys.Words(jobId);
        await store.UploadFileAsync(key, file.Path, "application/json", cancellationToken);
        return key;
    }
}
