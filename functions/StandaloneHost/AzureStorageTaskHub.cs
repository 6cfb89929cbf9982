using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace Serverless.StandaloneHost;

/// <summary>The Azure Storage provider (Durable Functions' default backend) tuned for one box that restarts.</summary>
internal static class AzureStorageTaskHub
{
    public static AzureStorageOrchestrationService Create(DurableBackendOptions options, ILoggerFactory loggerFactory)
    {
        var visibility = TimeSpan.FromSeconds(options.VisibilityTimeoutSeconds);
        return new AzureStorageOrchestrationService(
            new AzureStorageOrchestrationServiceSettings
            {
                StorageAccountClientProvider = new StorageAccountClientProvider(
                    options.StorageConnection ?? throw new InvalidOperationException("The durable storage connection is not set.")
                ),
                TaskHubName = options.TaskHubName,
                WorkerId = options.WorkerId,
                // One box runs every orchestration: one control queue to poll and one lease to take back.
                PartitionCount = 1,
                UseTablePartitionManagement = true,
                // The default (30 s) makes durable timers and idle steps that late.
                MaxQueuePollingInterval = TimeSpan.FromMilliseconds(options.MaxPollIntervalMs),
                // The defaults (5 min) are how long a crash holds up the step it cut off.
                WorkItemQueueVisibilityTimeout = visibility,
                ControlQueueVisibilityTimeout = visibility,
                LoggerFactory = loggerFactory,
            }
        );
    }
}
