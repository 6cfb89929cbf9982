using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serverless.Captions;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Captioning;

/// <param name="WordsKey">The speech's word timings from the TTS provider; null for supplied audio.</param>
/// <param name="AudioKey">The staged speech, aligned to <paramref name="Text"/> when there are no word timings.</param>
public sealed record MakeCaptionsInput(string JobId, string Text, string? WordsKey, string AudioKey);

/// <summary>The captions made, or why there are none (<see cref="SkippedReason"/>).</summary>
public sealed record MadeCaptions(int Cues, string? SkippedReason = null, string? Source = null, long ElapsedMs = 0);

/// <summary>
/// Activity: builds the job's caption cues, from the TTS provider's word timings or, for supplied audio, by
/// aligning the text's sentences to the recording's speech spans, and writes them as WebVTT and SRT to the job's
/// staging keys (<see cref="CaptionKeys"/>), which UploadVideo publishes beside the video. Idempotent.
/// </summary>
public sealed class MakeCaptions(IObjectStore store, IHttpClientFactory http, ILogger<MakeCaptions> logger)
{
    private static readonly TimeSpan s_readUrlValidFor = TimeSpan.FromMinutes(15);

    public async Task<MadeCaptions> RunAsync(MakeCaptionsInput input, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var dir = Directory.CreateTempSubdirectory("captions-").FullName;
        try
        {
            IReadOnlyList<WordTiming> words;
            string source;
            if (input.WordsKey is { } wordsKey)
            {
                var path = Path.Combine(dir, "words.json");
                await DownloadAsync(wordsKey, path, cancellationToken);
                await using var json = File.OpenRead(path);
                words = await JsonSerializer.DeserializeAsync<List<WordTiming>>(json, cancellationToken: cancellationToken) ?? [];
                source = "speech";
            }
            else
            {
                var path = Path.Combine(dir, "audio");
                await DownloadAsync(input.AudioKey, path, cancellationToken);
                if (RecordedSpeech.TrySpans(path) is not { } spans)
                    return new MadeCaptions(0, "captions for supplied audio need WAV or MP3 audio", ElapsedMs: clock.ElapsedMilliseconds);
                if (spans.Count == 0)
                    return new MadeCaptions(0, "no speech was found in the supplied audio", ElapsedMs: clock.ElapsedMilliseconds);
                words = SentenceAligner.Align(input.Text, spans);
                source = "alignment";
            }

            var cues = CueBuilder.Build(words);
            if (cues.Count == 0)
                return new MadeCaptions(0, "the text has no words to caption", ElapsedMs: clock.ElapsedMilliseconds);
            await UploadTextAsync(
                CaptionKeys.StagedVtt(input.JobId),
                WebVttWriter.Write(cues),
                WebVttWriter.MediaType,
                dir,
                cancellationToken
            );
            await UploadTextAsync(CaptionKeys.StagedSrt(input.JobId), SrtWriter.Write(cues), SrtWriter.MediaType, dir, cancellationToken);
            logger.LogInformation(
                "Made {Cues} caption cues for job {JobId} from its {Source} in {ElapsedMs} ms",
                cues.Count,
                input.JobId,
                source,
                clock.ElapsedMilliseconds
            );
            return new MadeCaptions(cues.Count, Source: source, ElapsedMs: clock.ElapsedMilliseconds);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private async Task UploadTextAsync(string key, string text, string contentType, string dir, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dir, Path.GetFileName(key));
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), cancellationToken);
        await store.UploadFileAsync(key, path, contentType + "; charset=utf-8", cancellationToken);
    }

    /// <summary>Reads the object through a short-lived presigned GET (the store itself only writes, copies and signs).</summary>
    private async Task DownloadAsync(string key, string path, CancellationToken cancellationToken)
    {
        var client = http.CreateClient(nameof(MakeCaptions));
        using var response = await client.GetAsync(
            store.PresignGet(key, s_readUrlValidFor),
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken
        );
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            throw new PermanentFailureException($"{key} is not in the bucket.");
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Reading {key} failed: HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        await using var file = File.Create(path);
        await response.Content.CopyToAsync(file, cancellationToken);
    }
}
