using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Contracts.Queues;

public static class RenderQueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="QueueServiceClient"/> of the render queues (Microsoft.Extensions.Azure), built from
    /// the deployable's own validated settings <typeparamref name="TSettings"/> through <paramref name="connection"/>.
    /// Messages are plain JSON text (<see cref="QueueMessageEncoding.None"/>). The caller registers and validates
    /// <typeparamref name="TSettings"/> (ValidateOnStart), so a missing or mixed setting stops the host with its names.
    /// </summary>
    public static IServiceCollection AddRenderQueueService<TSettings>(
        this IServiceCollection services,
        Func<TSettings, RenderQueueConnection> connection
    )
        where TSettings : class
    {
        RenderQueueConnection Read(IServiceProvider provider) => connection(provider.GetRequiredService<IOptions<TSettings>>().Value);

        services.AddAzureClients(azure =>
            azure
                .AddClient<QueueServiceClient, QueueClientOptions>(
                    (options, credential, provider) =>
                    {
                        options.MessageEncoding = QueueMessageEncoding.None;
                        return Read(provider).CreateClient(credential, options);
                    }
                )
                .WithCredential(provider => Read(provider).CreateCredential())
        );
        // Microsoft.Extensions.Azure forwards the SDK's event source to ILogger: at Information that is two lines
        // per queue request, and the render worker polls every 100 ms. Keep its warnings and errors.
        services.AddLogging(logging => logging.AddFilter("Azure.Core", LogLevel.Warning));
        return services;
    }
}
