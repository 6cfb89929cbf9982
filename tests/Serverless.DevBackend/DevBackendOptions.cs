using System.ComponentModel.DataAnnotations;

namespace Serverless.DevBackend;

public sealed class DevBackendOptions
{
    [ConfigurationKeyName("WORKER_TOKEN")]
    [Required]
    public string WorkerToken { get; set; } = "";

    [ConfigurationKeyName("S3_BUCKET")]
    [Required]
    public string Bucket { get; set; } = "";

    [ConfigurationKeyName("S3_REGION")]
    public string Region { get; set; } = "us-east-1";

    [ConfigurationKeyName("S3_ENDPOINT")]
    public string? Endpoint { get; set; }

    [ConfigurationKeyName("AWS_ACCESS_KEY_ID")]
    public string? AccessKeyId { get; set; }

    [ConfigurationKeyName("AWS_SECRET_ACCESS_KEY")]
    public string? SecretAccessKey { get; set; }

    /// <summary>Validity of the signed input URLs handed out with a lease (the real backend uses about an hour).</summary>
    [ConfigurationKeyName("DEV_BACKEND_SIGNED_URL_MINUTES")]
    [Range(0.1, 24 * 60)]
    public double SignedUrlMinutes { get; set; } = 60;

    /// <summary>When set, the jobs are kept in this JSON file across restarts (the real backend has MongoDB).</summary>
    [ConfigurationKeyName("DEV_BACKEND_DATA_FILE")]
    public string? DataFile { get; set; }
}
