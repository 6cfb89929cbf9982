using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.Pipeline.Downloads;

public sealed class DownloadOptions
{
    /// <summary>Time allowed for one whole download, redirects included. Default 60 s.</summary>
    [Range(1, 3600)]
    [ConfigurationKeyName("DOWNLOAD_TIMEOUT_SECONDS")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Redirects followed (each hop re-checked by the address guard). Default 3.</summary>
    [Range(0, 20)]
    [ConfigurationKeyName("MAX_REDIRECTS")]
    public int MaxRedirects { get; set; } = 3;

    /// <summary>Allow loopback addresses (the local stack serves inputs from 127.0.0.1). Never private or link-local ones.</summary>
    [ConfigurationKeyName("ALLOW_LOOPBACK_URLS")]
    public bool AllowLoopbackUrls { get; set; }
}
