using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;

namespace Serverless.Contracts.Queues;

/// <summary>
/// Where the render queues live, in one of two shapes: a connection string (Azurite locally) or a queue service
/// endpoint reached with a token credential (the managed identity in Azure). Each deployable reads its own
/// settings into this shape; <see cref="RenderQueueServiceCollectionExtensions.AddRenderQueueService{TSettings}"/>
/// builds the one <see cref="QueueServiceClient"/> from it.
/// </summary>
/// <param name="ConnectionString">Used when set; the other parameters are then ignored.</param>
/// <param name="ServiceUri"><c>https://&lt;account&gt;.queue.core.windows.net</c>, used without a connection string.</param>
/// <param name="ClientId">Client id of a user-assigned managed identity; null = the system-assigned one.</param>
/// <param name="ManagedIdentityOnly">
/// <c>true</c>: only the managed identity (the Functions host's <c>credential: managedidentity</c>);
/// <c>false</c>: <see cref="DefaultAzureCredential"/>, which also accepts a developer's sign-in.
/// </param>
public sealed record RenderQueueConnection(string? ConnectionString, Uri? ServiceUri, string? ClientId, bool ManagedIdentityOnly)
{
    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Creates the credential; no token is requested until a queue is called.</summary>
    public TokenCredential CreateCredential() =>
        ManagedIdentityOnly
            ? new ManagedIdentityCredential(
                string.IsNullOrWhiteSpace(ClientId)
                    ? ManagedIdentityId.SystemAssigned
                    : ManagedIdentityId.FromUserAssignedClientId(ClientId)
            )
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId });

    public QueueServiceClient CreateClient(TokenCredential credential, QueueClientOptions options)
    {
        if (UsesConnectionString)
            return new QueueServiceClient(ConnectionString, options);
        return new QueueServiceClient(
            ServiceUri ?? throw new InvalidOperationException("A render queue connection needs a connection string or a service URI."),
            credential,
            options
        );
    }
}
