using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.Pipeline.Downloads;

public sealed class DownloadOptions : IValidatableObject
{
    /// <summary>Time allowed for one whole download, redirects included. Default 60 s.</summary>
    [Range(1, 3600)]
    [ConfigurationKeyName("DOWNLOAD_TIMEOUT_SECONDS")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Redirects followed (each hop re-checked by the address guard). Default 3.</summary>
    [Range(0, 20)]
    [ConfigurationKeyName("MAX_REDIRECTS")]
    public int MaxRedirects { get; set; } = 3;

    /// <summary>Allow every loopback address and port (a development box). Never private or link-local ones.</summary>
    [ConfigurationKeyName("ALLOW_LOOPBACK_URLS")]
    public bool AllowLoopbackUrls { get; set; }

    /// <summary>
    /// Loopback <c>host:port</c>s, comma separated, allowed although <see cref="AllowLoopbackUrls"/> is false: the
    /// parts of a local stack that serve inputs on loopback (scripts/up.sh names its s3rver and dev backend).
    /// </summary>
    [ConfigurationKeyName("ALLOWED_LOOPBACK_ORIGINS")]
    public string? AllowedLoopbackOrigins { get; set; }

    /// <summary>The parsed <see cref="AllowedLoopbackOrigins"/> (validated at start-up).</summary>
    public IReadOnlyList<LoopbackOrigin> LoopbackOrigins() => LoopbackOrigin.ParseList(AllowedLoopbackOrigins, out _) ?? [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LoopbackOrigin.ParseList(AllowedLoopbackOrigins, out var bad) is null)
            yield return new ValidationResult(
                $"ALLOWED_LOOPBACK_ORIGINS: '{bad}' is not a loopback host:port (127.0.0.1:4568, [::1]:8080 or localhost:8080).",
                [nameof(AllowedLoopbackOrigins)]
            );
    }
}
