using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Pipeline.Downloads;
using Serverless.Pipeline.Storage;

namespace Serverless.Pipeline.Activities;

public sealed record StageInputsInput(string JobId, Uri ImageUrl, Uri? AudioUrl);

public sealed record StagedInputs(string ImageKey, string? AudioKey);

/// <summary>
/// Copies the job's image (and supplied audio) from the backend's signed URLs into the job's staging
/// keys, before any wait: those URLs expire within the hour.
/// </summary>
public sealed class StageInputs(
    InputDownloader downloader,
    IObjectStore store,
    IOptions<PipelineOptions> options,
    ILogger<StageInputs> logger
)
{
    public async Task<StagedInputs> RunAsync(StageInputsInput input, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var imageKey = JobKeys.StagedImage(input.JobId);
        await StageAsync(input.ImageUrl, imageKey, limits.MaxImageBytes, "image", _ => null, cancellationToken);

        string? audioKey = null;
        if (input.AudioUrl is not null)
        {
            audioKey = await StageAsync(
                input.AudioUrl,
                null,
                limits.MaxAudioBytes,
                "audio",
                contentType => JobKeys.StagedAudio(input.JobId, MediaTypes.AudioExtension(contentType)),
                cancellationToken
            );
        }

        logger.LogInformation("Staged inputs of job {JobId} (supplied audio: {HasAudio})", input.JobId, audioKey is not null);
        return new StagedInputs(imageKey, audioKey);
    }

    private async Task<string> StageAsync(
        Uri url,
        string? key,
        long maxBytes,
        string what,
        Func<string?, string?> keyFromContentType,
        CancellationToken cancellationToken
    )
    {
        using var file = new TempFile();
        DownloadedInput downloaded;
        try
        {
            await using var destination = file.OpenWrite();
            downloaded = await downloader.DownloadAsync(url, maxBytes, destination, cancellationToken);
        }
        catch (InputRejectedException ex)
        {
            throw new InputRejectedException($"The job's {what} could not be used: {ex.Message}", ex);
        }

        if (downloaded.Bytes == 0)
            throw new InputRejectedException($"The job's {what} is empty ({SecretScrubber.Redact(url)}).");

        key ??= keyFromContentType(downloaded.ContentType)!;
        await store.UploadFileAsync(key, file.Path, downloaded.ContentType ?? MediaTypes.OctetStream, cancellationToken);
        return key;
    }
}
