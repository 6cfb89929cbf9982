using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.RenderWorker;

/// <summary>Limits of the presigned GET (inputs) and PUT (outputs) transfers.</summary>
public sealed class TransferOptions
{
    /// <summary>Per attempt until the response headers arrive, and again for reading the body.</summary>
    [ConfigurationKeyName("DOWNLOAD_TIMEOUT_SECONDS")]
    [Range(1, 3600)]
    public int DownloadTimeoutSeconds { get; set; } = 60;

    [ConfigurationKeyName("DOWNLOAD_MAX_IMAGE_BYTES")]
    [Range(1, long.MaxValue)]
    public long MaxImageBytes { get; set; } = 20 * 1024 * 1024;

    [ConfigurationKeyName("DOWNLOAD_MAX_AUDIO_BYTES")]
    [Range(1, long.MaxValue)]
    public long MaxAudioBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Per upload attempt, body included.</summary>
    [ConfigurationKeyName("UPLOAD_TIMEOUT_SECONDS")]
    [Range(1, 3600)]
    public int UploadTimeoutSeconds { get; set; } = 300;

    public TimeSpan DownloadTimeout => TimeSpan.FromSeconds(DownloadTimeoutSeconds);
    public TimeSpan UploadTimeout => TimeSpan.FromSeconds(UploadTimeoutSeconds);
}
