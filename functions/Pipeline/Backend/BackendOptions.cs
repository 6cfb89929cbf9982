using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.Pipeline.Backend;

/// <summary>How the pipeline reaches the backend's worker protocol. Bound from the root configuration.</summary>
public sealed class BackendOptions
{
    /// <summary>Absolute http(s) base URL of the backend, e.g. <c>https://app.example.com</c>.</summary>
    [Required]
    [ConfigurationKeyName("BACKEND_URL")]
    public string BackendUrl { get; set; } = "";

    /// <summary>Bearer token the backend expects from workers (a secret).</summary>
    [Required]
    [ConfigurationKeyName("WORKER_TOKEN")]
    public string WorkerToken { get; set; } = "";

    /// <summary>Timeout of one lease or report call. Default 15 s.</summary>
    [Range(1, 300)]
    [ConfigurationKeyName("BACKEND_TIMEOUT_SECONDS")]
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Longest text a leased job may carry. Default 5000 characters.</summary>
    [Range(1, 1_000_000)]
    [ConfigurationKeyName("MAX_TEXT_LENGTH")]
    public int MaxTextLength { get; set; } = 5000;

    internal Uri BaseUri => new(BackendUrl.EndsWith('/') ? BackendUrl : BackendUrl + "/", UriKind.Absolute);
}
