using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Pipeline.Downloads;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Chunking;

public sealed record SplitSpeechInput(string JobId, ChunkPlan Plan);

public sealed record SplitSpeechOutput(IReadOnlyList<string> ChunkAudioKeys, long ElapsedMs);

/// <summary>
/// Activity: cuts the planned job's prepared speech (<see cref="ChunkKeys.Speech"/>) into one audio object per
/// chunk (<see cref="ChunkKeys.ChunkAudio"/>). Idempotent: a retry rewrites the same keys with the same bytes.
/// </summary>
/// <remarks>
/// The speech is read with MAX_AUDIO_BYTES as its size limit and DOWNLOAD_TIMEOUT_SECONDS for the whole read, so a
/// stalled body fails the attempt (and the activity's retry tries again) instead of hanging the activity.
/// </remarks>
public sealed class SplitSpeech(
    IObjectStore store,
    IOptions<PipelineOptions> pipeline,
    IOptions<DownloadOptions> downloads,
    ILogger<SplitSpeech> logger
)
{
    private const int ParallelUploads = 8;

    public async Task<SplitSpeechOutput> RunAsync(SplitSpeechInput input, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var dir = Directory.CreateTempSubdirectory("split-speech-").FullName;
        try
        {
            var speech = Path.Combine(dir, "speech16k.wav");
            await store.DownloadFileAsync(
                ChunkKeys.Speech(input.JobId),
                speech,
                pipeline.Value.MaxAudioBytes,
                TimeSpan.FromSeconds(downloads.Value.TimeoutSeconds),
                cancellationToken
            );
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
}
