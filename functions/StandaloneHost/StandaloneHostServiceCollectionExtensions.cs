using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline;
using Serverless.Pipeline.Orchestration;

namespace Serverless.StandaloneHost;

public static class StandaloneHostServiceCollectionExtensions
{
    /// <summary>The pipeline on the in-process durable engine, with the poll loop and the result listener.</summary>
    public static IServiceCollection AddStandalonePipelineHost(this IServiceCollection services, int durableGrpcPort)
    {
        services.AddOptions<StandaloneHostOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        services.AddRenderPipeline();
        services.AddInMemoryDurableTask(
            registry => registry.AddRenderJobTasks(),
            new InMemoryDurableTaskOptions { Port = durableGrpcPort }
        );
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<PollLoop>();
        services.AddHostedService<RenderResultListener>();
        return services;
    }
}
