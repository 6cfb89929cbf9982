using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.Pipeline.Storage;

public sealed class S3Options
{
    [Required]
    [ConfigurationKeyName("S3_BUCKET")]
    public string Bucket { get; set; } = "";

    [Required]
    [ConfigurationKeyName("S3_REGION")]
    public string Region { get; set; } = "us-east-1";

    /// <summary>Empty for AWS; the base URL of an S3-compatible server otherwise (path-style addressing is used).</summary>
    [ConfigurationKeyName("S3_ENDPOINT")]
    public string? Endpoint { get; set; }

    /// <summary>With <see cref="SecretAccessKey"/>; when either is empty the SDK's default credential chain is used.</summary>
    [ConfigurationKeyName("AWS_ACCESS_KEY_ID")]
    public string? AccessKeyId { get; set; }

    [ConfigurationKeyName("AWS_SECRET_ACCESS_KEY")]
    public string? SecretAccessKey { get; set; }

    internal bool HasEndpoint => !string.IsNullOrWhiteSpace(Endpoint);

    internal bool HasStaticCredentials => !string.IsNullOrWhiteSpace(AccessKeyId) && !string.IsNullOrWhiteSpace(SecretAccessKey);
}
