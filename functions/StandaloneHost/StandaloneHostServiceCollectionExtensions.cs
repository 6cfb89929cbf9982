using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Pipeline;
using Serverless.Pipeline.Orchestration;
using Serverless.Pipeline.Queues;

namespace Serverless.StandaloneHost;

public static class StandaloneHostServiceCollectionExtensions
{
    /// <summary>
    /// The pipeline on a persistent durable backend (an Azure Storage task hub behind a loopback sidecar), with the
    /// poll loop and the result listener.
    /// </summary>
    public static IServiceCollection AddStandalonePipelineHost(this IServiceCollection services)
    {
        services.AddOptions<StandaloneHostOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        services
            .AddOptions<DurableBackendOptions>()
            .BindConfiguration("")
            .PostConfigure<IOptions<StorageQueueOptions>>(
                (durable, queues) =>
                {
                    if (string.IsNullOrWhiteSpace(durable.StorageConnection))
                        durable.StorageConnection = queues.Value.ConnectionString;
                    if (durable.GrpcPort == 0)
                        durable.GrpcPort = FreePort.OnLoopback();
                }
            )
            .Validate(
                durable => !string.IsNullOrWhiteSpace(durable.StorageConnection),
                "Set DURABLE_STORAGE_CONNECTION or AzureWebJobsStorage to a storage connection string for the durable task hub."
            )
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRenderPipeline();
        services.AddSingleton(TimeProvider.System);

        // Registered before the worker: hosted services start in this order and stop in the reverse one.
        services.AddHostedService<DurableSidecar>();
        services.AddDurableTaskWorker(worker => worker.AddTasks(registry => registry.AddRenderJobTasks()).UseGrpc());
        services
            .AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName)
            .Configure<IOptions<DurableBackendOptions>>((grpc, durable) => grpc.Address = durable.Value.GrpcAddress);
        services.AddDurableTaskClient(client => client.UseGrpc().RegisterDirectly());
        services
            .AddOptions<GrpcDurableTaskClientOptions>(Options.DefaultName)
            .Configure<IOptions<DurableBackendOptions>>((grpc, durable) => grpc.Address = durable.Value.GrpcAddress);

        services.AddHostedService<PollLoop>();
        services.AddHostedService<RenderResultListener>();
        return services;
    }
}
