using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.RenderWorker;

/// <summary>Limits of the presigned GET (inputs) and PUT (outputs) transfers.</summary>
public sealed class TransferOptions
{
    /// <summary>
    /// Per attempt until the response headers arrive, and again for reading the body (so one download takes at
    /// most twice this). The pipeline's DOWNLOAD_TIMEOUT_SECONDS, by contrast, bounds a whole download.
    /// </summary>
    [ConfigurationKeyName("DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS")]
    [Range(1, 3600)]
    public int DownloadAttemptTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Not a setting of its own: the engine's MAX_IMAGE_BYTES (<see cref="RenderEngine.RenderEngineOptions"/>), so that
    /// one limit applies to the download and to the render (AddMediaTransfer copies it).
    /// </summary>
    public long MaxImageBytes { get; internal set; }

    [ConfigurationKeyName("DOWNLOAD_MAX_AUDIO_BYTES")]
    [Range(1, long.MaxValue)]
    public long MaxAudioBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Per upload attempt, body included.</summary>
    [ConfigurationKeyName("UPLOAD_TIMEOUT_SECONDS")]
    [Range(1, 3600)]
    public int UploadTimeoutSeconds { get; set; } = 300;

    public TimeSpan DownloadAttemptTimeout => TimeSpan.FromSeconds(DownloadAttemptTimeoutSeconds);
    public TimeSpan UploadTimeout => TimeSpan.FromSeconds(UploadTimeoutSeconds);
}
