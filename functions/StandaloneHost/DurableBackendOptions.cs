using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Serverless.StandaloneHost;

/// <summary>
/// Where and how the standalone host keeps its orchestration state: a task hub of the Azure Storage provider
/// (Azurite locally, a storage account on a self-hosted box), served to the Durable Task SDK by a loopback gRPC
/// sidecar. The defaults resume a job in flight within a minute of a restart.
/// </summary>
public sealed class DurableBackendOptions
{
    /// <summary>Connection string of the task hub's storage; empty means the one of <c>AzureWebJobsStorage</c>.</summary>
    [ConfigurationKeyName("DURABLE_STORAGE_CONNECTION")]
    public string? StorageConnection { get; set; }

    /// <summary>Names the task hub's queues, tables and blob containers (letters and digits, 3–45).</summary>
    [ConfigurationKeyName("TASKHUB_NAME")]
    [
        Required,
        RegularExpression(
            "^[A-Za-z][A-Za-z0-9]{2,44}$",
            ErrorMessage = "TASKHUB_NAME must be 3 to 45 letters or digits, starting with a letter."
        )
    ]
    public string TaskHubName { get; set; } = "talkinghead";

    /// <summary>
    /// Owner name of the task hub's partition lease. It must stay the same across restarts of one box: a new name
    /// waits for the old lease to expire before it can run anything.
    /// </summary>
    [ConfigurationKeyName("DURABLE_WORKER_ID")]
    [
        Required,
        RegularExpression(@"^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "DURABLE_WORKER_ID must be 1 to 64 letters, digits, '.', '_' or '-'.")
    ]
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>
    /// How long a dequeued durable message stays invisible: an activity or orchestration step cut off by a crash
    /// runs again after this long. The sidecar does not renew it, so an activity running longer runs twice
    /// (activities are idempotent, so that costs time only).
    /// </summary>
    [ConfigurationKeyName("DURABLE_VISIBILITY_TIMEOUT_SECONDS")]
    [Range(5, 3600)]
    public int VisibilityTimeoutSeconds { get; set; } = 30;

    /// <summary>Longest wait between two polls of an idle task hub queue: idle steps and timers are late by up to this.</summary>
    [ConfigurationKeyName("DURABLE_MAX_POLL_INTERVAL_MS")]
    [Range(100, 60_000)]
    public int MaxPollIntervalMs { get; set; } = 1000;

    /// <summary>Loopback port of the durable sidecar's gRPC endpoint; 0 picks a free one at start-up.</summary>
    [ConfigurationKeyName("DURABLE_GRPC_PORT")]
    [Range(0, 65535)]
    public int GrpcPort { get; set; }

    public string GrpcAddress => $"http://127.0.0.1:{GrpcPort}";
}
