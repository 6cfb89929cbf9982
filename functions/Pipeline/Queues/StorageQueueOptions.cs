using Microsoft.Extensions.Configuration;

namespace Serverless.Pipeline.Queues;

/// <summary>
/// Where the render queues live: the Functions host's own storage (<c>AzureWebJobsStorage</c>), as a connection
/// string locally (Azurite) or as an identity-based account in Azure (<c>AzureWebJobsStorage__accountName</c>).
/// </summary>
public sealed class StorageQueueOptions
{
    [ConfigurationKeyName("AzureWebJobsStorage")]
    public string? ConnectionString { get; set; }

    [ConfigurationKeyName("AzureWebJobsStorage:queueServiceUri")]
    public Uri? QueueServiceUri { get; set; }

    [ConfigurationKeyName("AzureWebJobsStorage:accountName")]
    public string? AccountName { get; set; }

    /// <summary>Client id of a user-assigned managed identity.</summary>
    [ConfigurationKeyName("AzureWebJobsStorage:clientId")]
    public string? ClientId { get; set; }

    public Uri? ResolveServiceUri() =>
        QueueServiceUri
        ?? (string.IsNullOrWhiteSpace(AccountName) ? null : new Uri($"https://{AccountName}.queue.core.windows.net"));
}
