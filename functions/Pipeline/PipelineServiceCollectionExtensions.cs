using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Contracts.Queues;
using Serverless.Pipeline.Chunking;
using Serverless.Pipeline.Orchestration;
using Serverless.Pipeline.Polling;
using Serverless.Pipeline.Queues;

namespace Serverless.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>Everything the orchestration's activities, the poller and the result relay need, in any host.</summary>
    public static IServiceCollection AddRenderPipeline(this IServiceCollection services)
    {
        services.AddPipelineClients();
        services
            .AddOptions<PipelineOptions>()
            .BindConfiguration("")
            .ValidateDataAnnotations()
            .Validate(
                o => o.PresignedUrlTtlMinutes >= o.RenderTimeoutMinutes,
                "PRESIGNED_URL_TTL_MINUTES must be at least RENDER_TIMEOUT_MINUTES: the render worker uploads through those URLs until the render deadline."
            )
            .ValidateOnStart();
        services
            .AddOptions<StorageQueueOptions>()
            .Configure<IConfiguration>(
                (o, config) =>
                {
                    config.Bind(o);
                    o.ReadConnectionString(config);
                }
            )
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRenderQueueService<StorageQueueOptions>(o => o.ToConnection());
        services.AddSingleton<PipelineRenderQueues>();
        services.AddSingleton<RenderRequestQueue>();
        services.AddSingleton<IRenderRequestQueue>(provider => provider.GetRequiredService<RenderRequestQueue>());
        services.AddSingleton<IStitchRequestQueue>(provider => provider.GetRequiredService<RenderRequestQueue>());

        foreach (var activity in RenderJobActivities.All)
            services.AddTransient(activity.Type);

        services.AddSingleton<UnsettledLeases>();
        services.AddSingleton<ILeaseJournal, QueueLeaseJournal>();
        services.AddTransient<JobPoller>();
        services.AddTransient<RenderResultRelay>();
        services.AddPipelineChunking();
        return services;
    }
}
