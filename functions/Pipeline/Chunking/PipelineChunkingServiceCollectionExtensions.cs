using Microsoft.Extensions.DependencyInjection;
using Serverless.Pipeline.Chunking;

// In the pipeline's root namespace, beside AddRenderPipeline, which calls it.
namespace Serverless.Pipeline;

public static class PipelineChunkingServiceCollectionExtensions
{
    /// <summary>The chunking settings (validated at start) and the activities of split jobs.</summary>
    public static IServiceCollection AddPipelineChunking(this IServiceCollection services)
    {
        services.AddOptions<ChunkingOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IStitchRequestQueue, StitchRequestQueue>();
        services.AddTransient<RequestPlannedRender>();
        services.AddHttpClient(nameof(SplitSpeech)).AddStandardResilienceHandler();
        services.AddTransient<SplitSpeech>();
        services.AddTransient<RequestChunkRender>();
        services.AddTransient<RequestStitch>();
        return services;
    }
}
