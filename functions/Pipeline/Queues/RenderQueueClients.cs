using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Serverless.Contracts;

namespace Serverless.Pipeline.Queues;

/// <summary>Clients of the render queues; messages are plain JSON (host.json sets <c>messageEncoding: none</c>).</summary>
public sealed class RenderQueueClients(IOptions<StorageQueueOptions> options)
{
    private readonly Lazy<QueueServiceClient> _service = new(() => Create(options.Value));

    public QueueClient Requests => _service.Value.GetQueueClient(RenderQueues.Requests);

    public QueueClient Results => _service.Value.GetQueueClient(RenderQueues.Results);

    private static QueueServiceClient Create(StorageQueueOptions settings)
    {
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
            return new QueueServiceClient(settings.ConnectionString, clientOptions);

        var uri =
            settings.ResolveServiceUri()
            ?? throw new InvalidOperationException(
                "Set AzureWebJobsStorage (a connection string) or AzureWebJobsStorage__accountName (managed identity)."
            );
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = settings.ClientId });
        return new QueueServiceClient(uri, credential, clientOptions);
    }
}
