using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Serverless.Contracts.Queues;

namespace Serverless.Pipeline.Queues;

/// <summary>
/// Where the render queues live: the Functions host's own storage connection <c>AzureWebJobsStorage</c>, in
/// either of its shapes: a connection string locally (Azurite), or identity-based in Azure
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__queueServiceUri</c>, with <c>__credential</c> and <c>__clientId</c>).
/// </summary>
public sealed class StorageQueueOptions : IValidatableObject
{
    public const string Connection = "AzureWebJobsStorage";

    /// <summary>
    /// The value of <c>AzureWebJobsStorage</c> itself, read by <see cref="ReadConnectionString"/> rather than by the
    /// binder (hence the non-public setter): identity-based, that key has children and no value, and the binder
    /// cannot make a string of a section with children.
    /// </summary>
    [ConfigurationKeyName(Connection)]
    public string? ConnectionString { get; private set; }

    [ConfigurationKeyName(Connection + ":queueServiceUri")]
    public Uri? QueueServiceUri { get; set; }

    [ConfigurationKeyName(Connection + ":accountName")]
    public string? AccountName { get; set; }

    /// <summary>Client id of a user-assigned managed identity.</summary>
    [ConfigurationKeyName(Connection + ":clientId")]
    public string? ClientId { get; set; }

    /// <summary><c>managedidentity</c>: use the managed identity only (what the Functions host does with this value).</summary>
    [ConfigurationKeyName(Connection + ":credential")]
    public string? Credential { get; set; }

    public void ReadConnectionString(IConfiguration configuration) => ConnectionString = configuration.GetSection(Connection).Value;

    public Uri? ResolveServiceUri() =>
        QueueServiceUri ?? (string.IsNullOrWhiteSpace(AccountName) ? null : new Uri($"https://{AccountName}.queue.core.windows.net"));

    public RenderQueueConnection ToConnection() =>
        new(
            ConnectionString,
            ResolveServiceUri(),
            ClientId,
            ManagedIdentityOnly: string.Equals(Credential, "managedidentity", StringComparison.OrdinalIgnoreCase)
        );

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && ResolveServiceUri() is null)
            yield return new ValidationResult(
                $"Set {Connection} (a connection string, e.g. UseDevelopmentStorage=true) or {Connection}__accountName / "
                    + $"{Connection}__queueServiceUri (identity-based, with {Connection}__credential=managedidentity and {Connection}__clientId).",
                [nameof(ConnectionString), nameof(AccountName)]
            );
        if (QueueServiceUri is { IsAbsoluteUri: false })
            yield return new ValidationResult($"{Connection}__queueServiceUri must be an absolute URI.", [nameof(QueueServiceUri)]);
    }
}
