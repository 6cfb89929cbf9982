using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Serverless.Contracts.Queues;

namespace Serverless.RenderWorker;

/// <summary>Queue consumer settings, bound from the root configuration (environment variables).</summary>
public sealed class RenderWorkerOptions : IValidatableObject
{
    /// <summary>A storage connection string (Azurite's, or <c>UseDevelopmentStorage=true</c>).</summary>
    [ConfigurationKeyName("RENDER_QUEUE_CONNECTION")]
    public string? QueueConnection { get; set; }

    /// <summary><c>https://&lt;account&gt;.queue.core.windows.net</c>, reached with <c>DefaultAzureCredential</c>.</summary>
    [ConfigurationKeyName("RENDER_QUEUE_SERVICE_URI")]
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity (with <see cref="QueueServiceUri"/>).</summary>
    [ConfigurationKeyName("AZURE_CLIENT_ID")]
    public string? AzureClientId { get; set; }

    /// <summary>Jobs rendered at a time: one per GPU.</summary>
    [ConfigurationKeyName("RENDER_CONCURRENCY")]
    [Range(1, 32)]
    public int Concurrency { get; set; } = 1;

    /// <summary>A request delivered more often than this is answered <c>too_many_deliveries</c> without rendering.</summary>
    [ConfigurationKeyName("RENDER_MAX_DELIVERIES")]
    [Range(1, 100)]
    public int MaxDeliveries { get; set; } = 3;

    /// <summary>How long a received request stays invisible; renewed every third of it while the job runs.</summary>
    [ConfigurationKeyName("RENDER_VISIBILITY_TIMEOUT_SECONDS")]
    [Range(3, 3600)]
    public int VisibilityTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// First idle poll interval. Short, because a request waiting on the queue is time added to its job (Azure
    /// Storage queues cannot be long-polled); an idle poll costs one storage transaction.
    /// </summary>
    [ConfigurationKeyName("RENDER_POLL_INTERVAL_MS")]
    [Range(10, 60_000)]
    public int PollIntervalMs { get; set; } = 100;

    /// <summary>The idle poll interval doubles up to this: the longest a new request waits for an idle worker.</summary>
    [ConfigurationKeyName("RENDER_MAX_POLL_INTERVAL_MS")]
    [Range(10, 300_000)]
    public int MaxPollIntervalMs { get; set; } = 500;

    /// <summary>Exit once the queue has stayed empty (and no job ran) this long; 0 = never (event-triggered jobs set it).</summary>
    [ConfigurationKeyName("RENDER_IDLE_EXIT_SECONDS")]
    [Range(0, 86_400)]
    public int IdleExitSeconds { get; set; }

    /// <summary>
    /// The Container Apps job's replica timeout: the worker stops receiving when less than the longest job is left
    /// (<see cref="ReplicaDeadline"/>); 0 = no limit (a long-running worker).
    /// </summary>
    [ConfigurationKeyName("RENDER_REPLICA_TIMEOUT_SECONDS")]
    [Range(0, 86_400)]
    public int ReplicaTimeoutSeconds { get; set; }

    /// <summary>On shutdown, running jobs get this long to finish before they are cancelled and their messages released.</summary>
    [ConfigurationKeyName("RENDER_SHUTDOWN_GRACE_SECONDS")]
    [Range(0, 3600)]
    public int ShutdownGraceSeconds { get; set; } = 25;

    /// <summary>A request that failed transiently becomes visible again after this delay.</summary>
    [ConfigurationKeyName("RENDER_RETRY_DELAY_SECONDS")]
    [Range(0, 3600)]
    public int RetryDelaySeconds { get; set; } = 5;

    /// <summary>Per-job scratch directories are created under this directory.</summary>
    [ConfigurationKeyName("WORK_DIR")]
    [Required]
    public string WorkDir { get; set; } = Path.Combine(Path.GetTempPath(), "render");

    public RenderQueueConnection ToQueueConnection() => new(QueueConnection, QueueServiceUri, AzureClientId, ManagedIdentityOnly: false);

    public TimeSpan VisibilityTimeout => TimeSpan.FromSeconds(VisibilityTimeoutSeconds);
    public TimeSpan ShutdownGrace => TimeSpan.FromSeconds(ShutdownGraceSeconds);
    public TimeSpan? ReplicaTimeout => ReplicaTimeoutSeconds > 0 ? TimeSpan.FromSeconds(ReplicaTimeoutSeconds) : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasConnection = !string.IsNullOrWhiteSpace(QueueConnection);
        var hasUri = QueueServiceUri is not null;
        if (hasConnection == hasUri)
            yield return new ValidationResult(
                "Set exactly one of RENDER_QUEUE_CONNECTION (connection string) and RENDER_QUEUE_SERVICE_URI (managed identity).",
                [nameof(QueueConnection), nameof(QueueServiceUri)]
            );
        if (hasUri && !QueueServiceUri!.IsAbsoluteUri)
            yield return new ValidationResult("RENDER_QUEUE_SERVICE_URI must be an absolute URI.", [nameof(QueueServiceUri)]);
        if (MaxPollIntervalMs < PollIntervalMs)
            yield return new ValidationResult(
                "RENDER_MAX_POLL_INTERVAL_MS must not be below RENDER_POLL_INTERVAL_MS.",
                [nameof(MaxPollIntervalMs)]
            );
    }
}
