using Azure;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;

namespace Serverless.RenderWorker.Queues;

/// <summary>The three render queues, reached by connection string or by managed identity. Messages are plain JSON text.</summary>
public sealed class RenderQueueClients
{
    public RenderQueueClients(IOptions<RenderWorkerOptions> options)
    {
        var o = options.Value;
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        var service = o.QueueConnection is { Length: > 0 } connection
            ? new QueueServiceClient(connection, clientOptions)
            : new QueueServiceClient(
                o.QueueServiceUri,
                new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = o.AzureClientId }),
                clientOptions
            );
        Requests = service.GetQueueClient(RenderQueues.Requests);
        Results = service.GetQueueClient(RenderQueues.Results);
        Poison = service.GetQueueClient(RenderQueues.RequestsPoison);
    }

    public QueueClient Requests { get; }
    public QueueClient Results { get; }
    public QueueClient Poison { get; }

    /// <summary>Creates missing queues; an identity without the right to create them gets a warning only (infra creates them).</summary>
    public async Task EnsureCreatedAsync(ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var queue in new[] { Requests, Results, Poison })
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 403)
            {
                Log.QueueCreateForbidden(logger, queue.Name, ex.ErrorCode);
            }
        }
    }
}
