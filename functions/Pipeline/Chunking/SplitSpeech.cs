using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Chunking;

public sealed record SplitSpeechInput(string JobId, ChunkPlan Plan);

public sealed record SplitSpeechOutput(IReadOnlyList<string> ChunkAudioKeys, long ElapsedMs);

/// <summary>
/// Activity: cuts the planned job's prepared speech (<see cref="ChunkKeys.Speech"/>) into one audio object per
/// chunk (<see cref="ChunkKeys.ChunkAudio"/>). Idempotent: a retry rewrites the same keys with the same bytes.
/// </summary>
public sealed class SplitSpeech(IObjectStore store, IHttpClientFactory http, ILogger<SplitSpeech> logger)
{
    private const int ParallelUploads = 8;
    private static readonly TimeSpan s_readUrlValidFor = TimeSpan.FromMinutes(15);

    public async Task<SplitSpeechOutput> RunAsync(SplitSpeechInput input, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var dir = Directory.CreateTempSubdirectory("split-speech-").FullName;
        try
        {
            var speech = Path.Combine(dir, "speech16k.wav");
            await DownloadAsync(ChunkKeys.Speech(input.JobId), speech, cancellationToken);
            try
            {
                await WavSplitter.SplitAsync(speech, input.Plan, i => Path.Combine(dir, $"{i}.wav"), cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                throw new PermanentFailureException($"The planned speech cannot be split: {ex.Message}", ex);
            }

            var planId = input.Plan.Fingerprint();
            var keys = input.Plan.Chunks.Select(c => ChunkKeys.ChunkAudio(input.JobId, planId, c.Index)).ToList();
            await Parallel.ForEachAsync(
                input.Plan.Chunks,
                new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads, CancellationToken = cancellationToken },
                async (c, token) =>
                    await store.UploadFileAsync(keys[c.Index], Path.Combine(dir, $"{c.Index}.wav"), RenderMediaTypes.Speech, token)
            );
            logger.LogInformation(
                "Split the speech of job {JobId} into {Chunks} chunks in {ElapsedMs} ms",
                input.JobId,
                keys.Count,
                clock.ElapsedMilliseconds
            );
            return new SplitSpeechOutput(keys, clock.ElapsedMilliseconds);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Reads the object through a short-lived presigned GET (the store itself only writes, copies and signs).</summary>
    private async Task DownloadAsync(string key, string path, CancellationToken cancellationToken)
    {
        var client = http.CreateClient(nameof(SplitSpeech));
        using var response = await client.GetAsync(
            store.PresignGet(key, s_readUrlValidFor),
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken
        );
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            throw new PermanentFailureException($"The planned speech {key} is not in the bucket: the planning render did not upload it.");
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Reading {key} failed: HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        await using var file = File.Create(path);
        await response.Content.CopyToAsync(file, cancellationToken);
    }
}
