using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Activities;
using Serverless.Pipeline.Polling;
using Serverless.Pipeline.Queues;

namespace Serverless.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>Everything the orchestration's activities, the poller and the result relay need, in any host.</summary>
    public static IServiceCollection AddRenderPipeline(this IServiceCollection services)
    {
        services.AddPipelineClients();
        services.AddOptions<PipelineOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        services
            .AddOptions<StorageQueueOptions>()
            .BindConfiguration("")
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.ConnectionString) || o.ResolveServiceUri() is not null,
                "Set AzureWebJobsStorage (connection string) or AzureWebJobsStorage__accountName (managed identity)."
            )
            .ValidateOnStart();

        services.AddSingleton<RenderQueueClients>();
        services.AddSingleton<IRenderRequestQueue, RenderRequestQueue>();

        services.AddTransient<StageInputs>();
        services.AddTransient<SynthesizeSpeech>();
        services.AddTransient<RequestRender>();
        services.AddTransient<UploadVideo>();
        services.AddTransient<ReportResult>();
        services.AddTransient<CleanUpStaging>();

        services.AddTransient<JobPoller>();
        services.AddTransient<RenderResultRelay>();
        services.AddPipelineChunking();
        return services;
    }
}
